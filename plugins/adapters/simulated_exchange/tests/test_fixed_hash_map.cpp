// The fixed-capacity hash map under heavy collisions (backward-shift deletion).

#include <gtest/gtest.h>

#include <map>

#include "fixed_hash_map.hpp"

namespace trellis::simex {
namespace {

// Sends every key to one of two home slots, so probe runs are long and wrap around.
struct CollidingHash {
    std::uint64_t operator()(std::uint64_t k) const noexcept { return k % 2 == 0 ? 0 : 15; }
};

TEST(FixedHashMap, InsertFindEraseWithCollisionsAndWrapAround) {
    FixedHashMap<std::uint64_t, int, CollidingHash> map(8);  // 16 slots, at most 8 entries
    for (std::uint64_t k = 1; k <= 8; ++k) ASSERT_NE(map.find_or_insert(k, int(k) * 10), nullptr);
    EXPECT_TRUE(map.full());
    EXPECT_EQ(map.find_or_insert(9, 90), nullptr);  // full: refused, not grown
    EXPECT_EQ(*map.find_or_insert(3, 0), 30);       // existing keys are still found
    EXPECT_TRUE(map.erase(1));
    EXPECT_TRUE(map.erase(4));
    EXPECT_FALSE(map.erase(4));
    for (std::uint64_t k : {2, 3, 5, 6, 7, 8}) {
        ASSERT_NE(map.find(k), nullptr) << k;
        EXPECT_EQ(*map.find(k), int(k) * 10);
    }
    EXPECT_EQ(map.find(1), nullptr);
    EXPECT_EQ(map.size(), 6u);
}

TEST(FixedHashMap, EraseIfMatchesAReferenceMap) {
    FixedHashMap<std::uint64_t, int, CollidingHash> map(32);
    std::map<std::uint64_t, int> ref;
    for (std::uint64_t k = 1; k <= 30; ++k) {
        map.find_or_insert(k, int(k));
        ref[k] = int(k);
    }
    const std::size_t removed = map.erase_if([](std::uint64_t k, int) { return k % 3 == 0; });
    std::erase_if(ref, [](const auto& kv) { return kv.first % 3 == 0; });
    EXPECT_EQ(removed, 10u);
    EXPECT_EQ(map.size(), ref.size());
    for (std::uint64_t k = 1; k <= 30; ++k) EXPECT_EQ(map.find(k) != nullptr, ref.contains(k)) << k;
}

}  // namespace
}  // namespace trellis::simex
