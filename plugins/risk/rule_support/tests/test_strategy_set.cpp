// StrategySet: members only below the host's strategy count, sized once, and
// a snapshot form that refuses repeats and runaway indexes.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "risk_rule_support/strategy_set.hpp"

using namespace trellis;
using trellis::risk::StrategySet;

namespace {

constexpr SnapshotMagic kMagic{'T', 'E', 'S', 'T'};

std::vector<std::uint32_t> members(const StrategySet& set) {
    std::vector<std::uint32_t> out;
    set.for_each([&](std::uint32_t s) { out.push_back(s); });
    return out;
}

std::vector<std::byte> snapshot_of(const StrategySet& set) {
    StateWriter w(kMagic, 1);
    set.write(w);
    return std::move(w).take();
}

bool read_into(StrategySet& set, const std::vector<std::byte>& bytes) {
    StateReader r(bytes);
    return r.read_header(kMagic, 1, "test") && set.read(r) && r.at_end();
}

TEST(StrategySet, MembersOnlyBelowTheLimit) {
    StrategySet set;
    EXPECT_FALSE(set.insert(0));  // no room before resize()
    set.resize(70);
    EXPECT_TRUE(set.insert(0));
    EXPECT_TRUE(set.insert(69));   // second word
    EXPECT_FALSE(set.insert(69));  // already in
    EXPECT_FALSE(set.insert(70));  // beyond the host's strategies
    EXPECT_TRUE(set.contains(69));
    EXPECT_FALSE(set.contains(70));
    EXPECT_EQ(set.size(), 2u);
    EXPECT_EQ(members(set), (std::vector<std::uint32_t>{0, 69}));
    EXPECT_TRUE(set.erase(0));
    EXPECT_FALSE(set.erase(0));
    EXPECT_EQ(members(set), (std::vector<std::uint32_t>{69}));
}

TEST(StrategySet, ShrinkingDropsMembersAboveTheNewLimit) {
    StrategySet set;
    set.resize(130);
    for (const std::uint32_t s : {3u, 64u, 65u, 129u}) set.insert(s);
    set.resize(65);
    EXPECT_EQ(members(set), (std::vector<std::uint32_t>{3, 64}));
    EXPECT_EQ(set.size(), 2u);
    set.resize(200);  // growing keeps them
    EXPECT_EQ(members(set), (std::vector<std::uint32_t>{3, 64}));
    EXPECT_FALSE(set.empty());
}

TEST(StrategySet, SnapshotRoundTripsBeforeTheSetIsSized) {
    StrategySet set;
    set.resize(100);
    for (const std::uint32_t s : {2u, 9u, 99u}) set.insert(s);
    StrategySet restored;  // not sized yet: a restore before start()
    ASSERT_TRUE(read_into(restored, snapshot_of(set)));
    EXPECT_EQ(members(restored), (std::vector<std::uint32_t>{2, 9, 99}));
    restored.resize(10);  // the new host has 10 strategies
    EXPECT_EQ(members(restored), (std::vector<std::uint32_t>{2, 9}));
}

TEST(StrategySet, CorruptSnapshotsAreRefusedAndChangeNothing) {
    const auto write = [](std::vector<std::uint32_t> values) {
        StateWriter w(kMagic, 1);
        for (const std::uint32_t v : values) w.put(v);
        return std::move(w).take();
    };
    StrategySet set;
    set.resize(8);
    set.insert(1);
    EXPECT_FALSE(read_into(set, write({2, 3, 3})));                            // 3 twice
    EXPECT_FALSE(read_into(set, write({2, 5, 3})));                            // out of order
    EXPECT_FALSE(read_into(set, write({1, StrategySet::kMaxRestoredIndex})));  // runaway index
    EXPECT_FALSE(read_into(set, write({3, 1, 2})));                            // one index missing
    EXPECT_EQ(members(set), (std::vector<std::uint32_t>{1}));
}

}  // namespace
