// EventWindow: counts in (now − window, now], saturates at capacity, and hands
// back exactly the times it counts so a snapshot can rebuild it.
#include <gtest/gtest.h>

#include <vector>

#include "trellis/event_window.hpp"

using namespace trellis;

namespace {

std::vector<Timestamp> times_at(const EventWindow& w, Timestamp now) {
    std::vector<Timestamp> out;
    w.for_each(now, [&](Timestamp ts) { out.push_back(ts); });
    return out;
}

TEST(EventWindow, EventLeavesAtExactlyTPlusWindow) {
    EventWindow w(100, 8);
    w.record(10);
    w.record(50);
    EXPECT_EQ(w.count(109), 2u);
    EXPECT_EQ(w.count(110), 1u);  // 10 + 100: gone
    EXPECT_EQ(w.count(150), 0u);
}

TEST(EventWindow, ForEachGivesTheCountedTimesOldestFirstAndForgetsNothing) {
    EventWindow w(100, 8);
    for (const Timestamp t : {10, 20, 60, 60, 90}) w.record(t);
    EXPECT_EQ(times_at(w, 90), (std::vector<Timestamp>{10, 20, 60, 60, 90}));
    EXPECT_EQ(times_at(w, 115), (std::vector<Timestamp>{20, 60, 60, 90}));     // 10 is out at 110
    EXPECT_EQ(times_at(w, 90), (std::vector<Timestamp>{10, 20, 60, 60, 90}));  // nothing was dropped
    EXPECT_EQ(w.count(115), times_at(w, 115).size());
}

TEST(EventWindow, ForEachAfterWrapAroundAndSaturation) {
    EventWindow w(1000, 3);
    for (const Timestamp t : {1, 2, 3, 4, 5}) w.record(t);  // capacity 3: the newest three remain
    EXPECT_EQ(w.count(5), 3u);
    EXPECT_EQ(times_at(w, 5), (std::vector<Timestamp>{3, 4, 5}));

    // Replaying the times into a fresh window rebuilds it exactly.
    EventWindow copy(1000, 3);
    w.for_each(5, [&](Timestamp ts) { copy.record(ts); });
    EXPECT_EQ(copy.count(1003), 2u);  // 3 leaves at 1003, as in the original
    EXPECT_EQ(w.count(1003), 2u);
}

TEST(EventWindow, ClearedWindowHasNothingToGive) {
    EventWindow w(100, 4);
    w.record(1);
    w.clear();
    EXPECT_TRUE(times_at(w, 1).empty());
    EXPECT_EQ(w.count(1), 0u);
}

}  // namespace
