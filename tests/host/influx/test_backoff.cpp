#include <gtest/gtest.h>

#include "influx/backoff.hpp"

namespace trellis::host::influx {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, CeilingDoublesFromInitialUpToTheCap) {
    const milliseconds initial{200};
    const milliseconds cap{30'000};
    const std::vector<long> expected = {200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
    for (unsigned retry = 0; retry < expected.size(); ++retry) {
        EXPECT_EQ(backoff_ceiling(retry, initial, cap).count(), expected[retry]) << "retry " << retry;
    }
    EXPECT_EQ(backoff_ceiling(1000, initial, cap).count(), 30000);  // no overflow after many retries
    EXPECT_EQ(backoff_ceiling(0, milliseconds{500}, milliseconds{100}).count(), 100);
}

TEST(Backoff, FullJitterStaysWithinZeroAndTheCeilingAndUsesTheWholeRange) {
    std::mt19937_64 rng(42);
    for (unsigned retry = 0; retry < 12; ++retry) {
        const auto ceiling = backoff_ceiling(retry, milliseconds{200}, milliseconds{30'000});
        milliseconds lowest = ceiling;
        milliseconds highest{0};
        for (int draw = 0; draw < 2000; ++draw) {
            const auto delay = full_jitter_backoff(retry, milliseconds{200}, milliseconds{30'000}, rng);
            ASSERT_GE(delay.count(), 0);
            ASSERT_LE(delay, ceiling);
            lowest = std::min(lowest, delay);
            highest = std::max(highest, delay);
        }
        // Uniform over [0, ceiling]: 2000 draws reach both ends' outer 5 %.
        EXPECT_LT(lowest, ceiling / 20) << "retry " << retry;
        EXPECT_GT(highest, ceiling - ceiling / 20) << "retry " << retry;
    }
}

TEST(Backoff, SameSeedSameSchedule) {
    std::mt19937_64 first(7);
    std::mt19937_64 second(7);
    for (unsigned retry = 0; retry < 20; ++retry) {
        EXPECT_EQ(full_jitter_backoff(retry, milliseconds{10}, milliseconds{1000}, first),
                  full_jitter_backoff(retry, milliseconds{10}, milliseconds{1000}, second));
    }
}

}  // namespace
}  // namespace trellis::host::influx
