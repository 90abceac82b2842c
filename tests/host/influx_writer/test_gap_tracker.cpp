#include <gtest/gtest.h>

#include "influx_writer/gap_tracker.hpp"

namespace trellis::host::influx_writer {
namespace {

using Kind = SequenceCheck::Kind;

TEST(GapTracker, FirstMessageOfAHostIsTheBaselineEvenIfLate) {
    GapTracker tracker;
    const SequenceCheck first = tracker.observe("h1", 7, 50, 3);  // joined late: 1..49 were before our time
    EXPECT_EQ(first.kind, Kind::Baseline);
    EXPECT_EQ(first.lost_points, 0u);
    const SequenceCheck next = tracker.observe("h1", 7, 53, 2);
    EXPECT_EQ(next.kind, Kind::InOrder);
    EXPECT_EQ(next.lost_points, 0u);
    EXPECT_EQ(next.skip_points, 0u);
}

TEST(GapTracker, HigherSeqThanExpectedIsAGapOfTheDifference) {
    GapTracker tracker;
    tracker.observe("h1", 7, 1, 3);                             // 1..3, expect 4
    const SequenceCheck gap = tracker.observe("h1", 7, 10, 2);  // 4..9 missing
    EXPECT_EQ(gap.kind, Kind::Gap);
    EXPECT_EQ(gap.lost_from, 4u);
    EXPECT_EQ(gap.lost_points, 6u);
    EXPECT_EQ(tracker.observe("h1", 7, 12, 1).kind, Kind::InOrder);  // continues after the gap
}

TEST(GapTracker, ReplayedMessageIsSkippedWholeAndAnOverlapPartly) {
    GapTracker tracker;
    tracker.observe("h1", 7, 1, 5);                               // expect 6
    const SequenceCheck replay = tracker.observe("h1", 7, 2, 3);  // 2..4: all seen
    EXPECT_EQ(replay.kind, Kind::Duplicate);
    EXPECT_EQ(replay.skip_points, 3u);
    EXPECT_EQ(replay.lost_points, 0u);
    const SequenceCheck overlap = tracker.observe("h1", 7, 4, 4);  // 4..7: 4,5 seen, 6,7 new
    EXPECT_EQ(overlap.kind, Kind::Duplicate);
    EXPECT_EQ(overlap.skip_points, 2u);
    EXPECT_EQ(tracker.observe("h1", 7, 8, 1).kind, Kind::InOrder);
}

TEST(GapTracker, NewSessionIsARestartAndItsMissingFirstPointsAreLost) {
    GapTracker tracker;
    tracker.observe("h1", 7, 1, 100);
    const SequenceCheck clean = tracker.observe("h1", 8, 1, 2);  // restarted, nothing missed
    EXPECT_EQ(clean.kind, Kind::Restart);
    EXPECT_EQ(clean.lost_points, 0u);
    EXPECT_EQ(tracker.observe("h1", 8, 3, 1).kind, Kind::InOrder);
    const SequenceCheck late = tracker.observe("h1", 9, 5, 1);  // restarted again, 1..4 never arrived
    EXPECT_EQ(late.kind, Kind::Restart);
    EXPECT_EQ(late.lost_from, 1u);
    EXPECT_EQ(late.lost_points, 4u);
}

TEST(GapTracker, HostsAreTrackedSeparately) {
    GapTracker tracker;
    tracker.observe("h1", 7, 1, 3);
    EXPECT_EQ(tracker.observe("h2", 7, 1, 3).kind, Kind::Baseline);
    EXPECT_EQ(tracker.observe("h1", 7, 4, 1).kind, Kind::InOrder);
    EXPECT_EQ(tracker.observe("h2", 7, 5, 1).lost_points, 1u);
    EXPECT_EQ(tracker.hosts(), 2u);
}

TEST(GapTracker, EmptyMessageKeepsTheExpectation) {
    GapTracker tracker;
    tracker.observe("h1", 7, 1, 3);
    EXPECT_EQ(tracker.observe("h1", 7, 4, 0).kind, Kind::InOrder);
    EXPECT_EQ(tracker.observe("h1", 7, 4, 1).kind, Kind::InOrder);
}

}  // namespace
}  // namespace trellis::host::influx_writer
