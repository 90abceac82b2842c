// snapshot_windows / restore_windows: several window sets in one snapshot,
// restored all or nothing.
#include <gtest/gtest.h>

#include <string>

#include "risk_rule_support/window_snapshot.hpp"

using namespace trellis;
using trellis::risk::StrategyWindows;

namespace {

constexpr Duration kSecond = 1'000'000'000;
constexpr SnapshotMagic kMagic{'T', 'E', 'S', 'T'};

StrategyWindows started_window() {
    StrategyWindows w(false, kSecond, 10);
    w.start(1);
    return w;
}

TEST(WindowSnapshot, RoundTripsSeveralSetsInOrder) {
    StrategyWindows orders = started_window(), cancels = started_window();
    for (int i = 0; i < 3; ++i) orders.find(0)->record(100);
    cancels.find(0)->record(150);
    const auto bytes = risk::snapshot_windows(kMagic, 200, {&orders, &cancels});

    StrategyWindows orders2 = started_window(), cancels2 = started_window();
    const Status s = risk::restore_windows(bytes, kMagic, "test_rule", {&orders2, &cancels2});
    ASSERT_TRUE(s) << s.message;
    EXPECT_EQ(orders2.find(0)->count(kSecond + 99), 3u);
    EXPECT_EQ(orders2.find(0)->count(kSecond + 100), 0u);
    EXPECT_EQ(cancels2.find(0)->count(kSecond + 149), 1u);
    EXPECT_EQ(cancels2.find(0)->count(kSecond + 150), 0u);
}

TEST(WindowSnapshot, EmptyStateRestoresNothing) {
    StrategyWindows w = started_window();
    EXPECT_TRUE(risk::restore_windows({}, kMagic, "test_rule", {&w}));
    EXPECT_EQ(w.find(0)->count(0), 0u);
}

TEST(WindowSnapshot, ForeignOrDamagedBytesChangeNoWindow) {
    StrategyWindows a = started_window(), b = started_window();
    a.find(0)->record(1);
    b.find(0)->record(1);
    const auto bytes = risk::snapshot_windows(kMagic, 1, {&a, &b});

    const Status foreign = risk::restore_windows(bytes, SnapshotMagic{'O', 'T', 'H', 'R'}, "test_rule", {&a, &b});
    EXPECT_EQ(foreign.message, "test_rule: snapshot was not written by test_rule");

    // Only the first set's part is whole: the first set must not be charged alone.
    StrategyWindows a2 = started_window(), b2 = started_window();
    auto cut = bytes;
    cut.resize(cut.size() - 4);
    const Status truncated = risk::restore_windows(cut, kMagic, "test_rule", {&a2, &b2});
    EXPECT_EQ(truncated.code, StatusCode::InvalidArgument);
    EXPECT_EQ(truncated.message, "test_rule: snapshot is truncated or corrupt; start without restoring");
    EXPECT_EQ(a2.find(0)->count(1), 0u);
    EXPECT_EQ(b2.find(0)->count(1), 0u);

    // Trailing bytes mean another layout: refused as well.
    auto longer = bytes;
    longer.push_back(std::byte{0});
    EXPECT_FALSE(risk::restore_windows(longer, kMagic, "test_rule", {&a2, &b2}));
    EXPECT_EQ(a2.find(0)->count(1), 0u);
}

}  // namespace
