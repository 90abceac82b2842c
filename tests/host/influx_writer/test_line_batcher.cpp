// The batcher seals at max_points and when the oldest line is max_delay old;
// time comes from the test, so every boundary is checked to the nanosecond.
#include <gtest/gtest.h>

#include "influx_writer/line_batcher.hpp"
#include "writer_test_support.hpp"

namespace trellis::host::influx_writer {
namespace {

using namespace std::chrono_literals;
using telemetry::Field;
using telemetry::FieldValue;
using testing::RecordingSender;

const LineBatcher::TimePoint t0{std::chrono::seconds(1000)};

Result<void> add_point(LineBatcher& batcher, std::int64_t value, LineBatcher::TimePoint now) {
    const Field fields[] = {{"v", FieldValue::integer(value)}};
    return batcher.add({"m", {}, fields, value}, now);
}

TEST(LineBatcher, SealsWhenMaxPointsIsReached) {
    RecordingSender sender;
    LineBatcher batcher({.max_points = 3, .max_delay = 1s}, sender);
    ASSERT_TRUE(add_point(batcher, 1, t0));
    ASSERT_TRUE(add_point(batcher, 2, t0));
    EXPECT_TRUE(sender.batches.empty());
    ASSERT_TRUE(add_point(batcher, 3, t0));
    ASSERT_EQ(sender.batches.size(), 1u);
    EXPECT_EQ(sender.batches[0].points, 3u);
    EXPECT_EQ(sender.batches[0].lines, "m v=1i 1\nm v=2i 2\nm v=3i 3\n");
    EXPECT_EQ(batcher.open_points(), 0u);
    EXPECT_FALSE(batcher.due_at().has_value());
    ASSERT_TRUE(add_point(batcher, 4, t0));
    EXPECT_EQ(batcher.open_points(), 1u);
}

TEST(LineBatcher, SealsWhenTheOldestLineIsMaxDelayOld) {
    RecordingSender sender;
    LineBatcher batcher({.max_points = 100, .max_delay = 500ms}, sender);
    ASSERT_TRUE(add_point(batcher, 1, t0));
    ASSERT_TRUE(add_point(batcher, 2, t0 + 400ms));  // a younger line does not move the deadline
    ASSERT_TRUE(batcher.due_at().has_value());
    EXPECT_EQ(*batcher.due_at(), t0 + 500ms);
    batcher.seal_if_due(t0 + 500ms - 1ns);
    EXPECT_TRUE(sender.batches.empty());
    batcher.seal_if_due(t0 + 500ms);
    ASSERT_EQ(sender.batches.size(), 1u);
    EXPECT_EQ(sender.batches[0].lines, "m v=1i 1\nm v=2i 2\n");
    // The next batch's clock starts at its own first line.
    ASSERT_TRUE(add_point(batcher, 3, t0 + 2s));
    batcher.seal_if_due(t0 + 2s + 499ms);
    EXPECT_EQ(sender.batches.size(), 1u);
    batcher.seal_if_due(t0 + 2s + 500ms);
    EXPECT_EQ(sender.batches.size(), 2u);
}

TEST(LineBatcher, SealSendsThePartialBatchAndNothingWhenEmpty) {
    RecordingSender sender;
    LineBatcher batcher({.max_points = 100, .max_delay = 1h}, sender);
    batcher.seal();
    EXPECT_TRUE(sender.batches.empty());
    ASSERT_TRUE(add_point(batcher, 7, t0));
    batcher.seal();
    ASSERT_EQ(sender.batches.size(), 1u);
    EXPECT_EQ(sender.batches[0].lines, "m v=7i 7\n");
    EXPECT_EQ(sender.batches[0].points, 1u);
}

TEST(LineBatcher, RefusedPointLeavesTheBatchUnchanged) {
    RecordingSender sender;
    LineBatcher batcher({.max_points = 2, .max_delay = 1h}, sender);
    ASSERT_TRUE(add_point(batcher, 1, t0));
    const Field nan_field[] = {{"v", FieldValue::floating(std::numeric_limits<double>::quiet_NaN())}};
    EXPECT_FALSE(batcher.add({"m", {}, nan_field, 5}, t0));
    EXPECT_EQ(batcher.open_points(), 1u);
    ASSERT_TRUE(add_point(batcher, 2, t0));
    ASSERT_EQ(sender.batches.size(), 1u);
    EXPECT_EQ(sender.batches[0].lines, "m v=1i 1\nm v=2i 2\n");
}

}  // namespace
}  // namespace trellis::host::influx_writer
