// The rolling high of a step series: path semantics, expiry, monotonic
// eviction and the overflow policy, on hand-worked sequences.
#include <gtest/gtest.h>

#include "rolling_high.hpp"

using trellis::dip_buyer::RollingHigh;

namespace {
constexpr std::int64_t kSecond = 1'000'000'000;
}

TEST(RollingHigh, AReplacedHighLeavesOneWindowAfterItWasReplaced) {
    RollingHigh r(10 * kSecond, 8);
    EXPECT_FALSE(r.has_value());
    r.update(0, 100);
    EXPECT_EQ(r.high(0), 100);
    // 100 was current until t = 1 s, so it stays the high while 1 s > now − 10 s, i.e. now < 11 s.
    r.update(1 * kSecond, 90);
    EXPECT_EQ(r.high(1 * kSecond), 100);
    EXPECT_EQ(r.high(11 * kSecond - 1), 100);
    EXPECT_EQ(r.high(11 * kSecond), 90);
    EXPECT_EQ(r.size(), 1u);  // high() only reads; the next update drops what expired
    r.update(11 * kSecond, 90);
    EXPECT_EQ(r.size(), 0u);
}

TEST(RollingHigh, AQuietValueStaysTheHighHoweverOldItIs) {
    RollingHigh r(10 * kSecond, 8);
    r.update(0, 100);
    EXPECT_EQ(r.high(1000 * kSecond), 100);  // still current: it is the mid right now
}

TEST(RollingHigh, LowerOlderValuesAreEvictedByLaterHigherOnes) {
    RollingHigh r(10 * kSecond, 8);
    r.update(0, 100);
    r.update(1 * kSecond, 105);  // keeps (100 until 1 s)
    EXPECT_EQ(r.size(), 1u);
    r.update(2 * kSecond, 103);  // keeps (105 until 2 s); 100 ≤ 105 can never be the high again
    EXPECT_EQ(r.size(), 1u);
    EXPECT_EQ(r.entry(0).value, 105);
    EXPECT_EQ(r.entry(0).until, 2 * kSecond);
    r.update(3 * kSecond, 101);  // keeps (103 until 3 s) behind 105: strictly decreasing
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r.entry(1).value, 103);
    EXPECT_EQ(r.high(3 * kSecond), 105);
    // 105 leaves at 12 s; 103 (until 3 s) is the high until 13 s; then the current 101.
    EXPECT_EQ(r.high(12 * kSecond), 103);
    EXPECT_EQ(r.high(13 * kSecond), 101);
}

TEST(RollingHigh, RepeatedValueIsNotAChange) {
    RollingHigh r(10 * kSecond, 8);
    r.update(0, 100);
    r.update(5 * kSecond, 100);
    EXPECT_EQ(r.size(), 0u);
    r.update(6 * kSecond, 99);  // 100 was current until 6 s → high until 16 s
    EXPECT_EQ(r.high(15 * kSecond), 100);
    EXPECT_EQ(r.high(16 * kSecond), 99);
}

TEST(RollingHigh, FullBufferDropsTheOldestAndCountsIt) {
    // Capacity 3, a steady fall 100, 99, 98, 97, 96 one second apart: the kept values
    // are 100, 99, 98, then 97 arrives (at t = 4 s) with the buffer full → 100 is dropped.
    RollingHigh r(60 * kSecond, 3);
    for (int i = 0; i <= 4; ++i) r.update(i * kSecond, 100 - i);
    EXPECT_EQ(r.size(), 3u);
    EXPECT_EQ(r.overflows(), 1u);
    EXPECT_EQ(r.high(4 * kSecond), 99);  // true high 100 lost: the high is understated, never overstated
    EXPECT_EQ(r.current(), 96);
}

TEST(RollingHigh, ResetRestoresEntriesAndDropsTheOldestBeyondCapacity) {
    RollingHigh r(10 * kSecond, 2);
    r.reset(true, 95, {{1 * kSecond, 100}, {2 * kSecond, 99}, {3 * kSecond, 98}}, 5);
    EXPECT_EQ(r.size(), 2u);
    EXPECT_EQ(r.overflows(), 6u);
    EXPECT_EQ(r.high(3 * kSecond), 99);
    EXPECT_EQ(r.current(), 95);
}
