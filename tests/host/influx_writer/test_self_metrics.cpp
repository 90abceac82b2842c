#include <gtest/gtest.h>

#include "influx_writer/line_batcher.hpp"
#include "influx_writer/self_metrics.hpp"
#include "writer_test_support.hpp"

namespace trellis::host::influx_writer {
namespace {

using namespace std::chrono_literals;

const SelfMetrics::WallTime start{std::chrono::seconds(1'700'000'000)};

TEST(SelfMetrics, DueEveryIntervalWithoutBursts) {
    SelfMetrics self("w1", 1s, start);
    EXPECT_FALSE(self.due(start + 999ms));
    EXPECT_TRUE(self.due(start + 1s));
    EXPECT_FALSE(self.due(start + 1500ms));
    EXPECT_TRUE(self.due(start + 5200ms));  // 2s..5s missed: one point, not four
    EXPECT_EQ(self.next_at(), start + 6s);
    EXPECT_FALSE(self.due(start + 5900ms));
}

TEST(SelfMetrics, OnePointWithEveryCounterTaggedWithTheWriter) {
    influx::WriterMetrics metrics;
    metrics.messages_in = 12;
    metrics.lost_points = 4;
    metrics.spool_bytes = 9;
    SelfMetrics self("w1", 1s, start);
    testing::RecordingSender sender;
    LineBatcher batcher({.max_points = 10, .max_delay = 1h}, sender);
    ASSERT_TRUE(batcher.add(self.point(metrics, 3, start + 2s), {}));
    batcher.seal();
    ASSERT_EQ(sender.batches.size(), 1u);
    EXPECT_EQ(sender.batches[0].lines,
              "trellis_influx,writer=w1 messages_in=12i,bad_messages=0i,points_in=0i,points_rejected=0i,gaps=0i,"
              "lost_points=4i,host_restarts=0i,points_out=0i,batches_out=0i,retries=0i,splits=0i,"
              "dead_letter_points=0i,spooled_batches=0i,spool_bytes=9i,spool_dropped_points=0i,replayed_batches=0i,"
              "duplicate_points=3i 1700000002000000000\n");
}

}  // namespace
}  // namespace trellis::host::influx_writer
