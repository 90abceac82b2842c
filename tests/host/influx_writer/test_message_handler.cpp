// From wire messages to batched lines: host tag, gaps and lost points,
// replays, malformed messages discarded whole, points the encoder refuses.
#include <gtest/gtest.h>

#include "influx_writer/message_handler.hpp"
#include "util/logger.hpp"
#include "writer_test_support.hpp"

namespace trellis::host::influx_writer {
namespace {

using namespace std::chrono_literals;
using testing::RecordingSender;
using testing::wire_message;

class MessageHandlerTest : public ::testing::Test {
protected:
    void handle(const std::string& message) { handler_.handle(message, now_); }
    std::string lines() {
        batcher_.seal();
        return sender_.all_lines();
    }

    LineBatcher::TimePoint now_{std::chrono::seconds(1)};
    RecordingSender sender_;
    influx::WriterMetrics metrics_;
    Logger logger_{LogLevel::Error};
    LineBatcher batcher_{{.max_points = 1000, .max_delay = 1h}, sender_};
    MessageHandler handler_{batcher_, metrics_, logger_};
};

TEST_F(MessageHandlerTest, TagsEveryPointWithItsHostAndReplacesAPublisherHostTag) {
    handle(wire_message("alpha", 1, 1, {{"cpu", 5, 100, {{"core", "0"}}}, {"mem", 6, 200, {{"host", "spoofed"}}}}));
    EXPECT_EQ(lines(), "cpu,core=0,host=alpha v=5i 100\nmem,host=alpha v=6i 200\n");
    EXPECT_EQ(metrics_.messages_in.load(), 1u);
    EXPECT_EQ(metrics_.points_in.load(), 2u);
}

TEST_F(MessageHandlerTest, GapCountsLostPointsAndKeepsTheMessage) {
    handle(wire_message("alpha", 1, 1, {{"m", 1, 1}, {"m", 2, 2}}));  // seq 1,2
    handle(wire_message("alpha", 1, 6, {{"m", 6, 6}}));               // 3,4,5 lost
    handle(wire_message("alpha", 1, 9, {{"m", 9, 9}}));               // 7,8 lost
    EXPECT_EQ(metrics_.gaps.load(), 2u);
    EXPECT_EQ(metrics_.lost_points.load(), 5u);
    EXPECT_EQ(lines(), "m,host=alpha v=1i 1\nm,host=alpha v=2i 2\nm,host=alpha v=6i 6\nm,host=alpha v=9i 9\n");
}

TEST_F(MessageHandlerTest, ReplayedPointsAreDroppedAndCounted) {
    handle(wire_message("alpha", 1, 1, {{"m", 1, 1}, {"m", 2, 2}, {"m", 3, 3}}));
    handle(wire_message("alpha", 1, 2, {{"m", 2, 2}, {"m", 3, 3}, {"m", 4, 4}}));  // 2,3 again, 4 new
    EXPECT_EQ(handler_.duplicate_points(), 2u);
    EXPECT_EQ(metrics_.gaps.load(), 0u);
    EXPECT_EQ(lines(), "m,host=alpha v=1i 1\nm,host=alpha v=2i 2\nm,host=alpha v=3i 3\nm,host=alpha v=4i 4\n");
}

TEST_F(MessageHandlerTest, RestartIsCountedAndPointsMissedAfterItAreLost) {
    handle(wire_message("alpha", 1, 1, {{"m", 1, 1}}));
    handle(wire_message("alpha", 2, 3, {{"m", 3, 3}}));  // new session; its 1,2 never arrived
    EXPECT_EQ(metrics_.host_restarts.load(), 1u);
    EXPECT_EQ(metrics_.gaps.load(), 1u);
    EXPECT_EQ(metrics_.lost_points.load(), 2u);
}

TEST_F(MessageHandlerTest, MalformedMessageIsDiscardedWholeAndDoesNotMoveTheSequence) {
    const std::string good = wire_message("alpha", 1, 1, {{"m", 1, 1}, {"m", 2, 2}});
    // Cut into the second point: the first one decodes, but must not be written.
    handle(good.substr(0, good.size() - 3));
    handle("not telemetry at all");
    EXPECT_EQ(metrics_.bad_messages.load(), 2u);
    EXPECT_EQ(metrics_.messages_in.load(), 2u);
    EXPECT_EQ(metrics_.points_in.load(), 0u);
    EXPECT_EQ(lines(), "");
    handle(good);  // the same seq, well-formed: a baseline, not a replay
    EXPECT_EQ(handler_.duplicate_points(), 0u);
    EXPECT_EQ(sender_.all_lines(), "");
    EXPECT_EQ(lines(), "m,host=alpha v=1i 1\nm,host=alpha v=2i 2\n");
}

TEST_F(MessageHandlerTest, PointTheEncoderRefusesIsCountedAndTheRestPass) {
    telemetry::WireMessageWriter writer;
    writer.begin("alpha", 1, 1);
    const telemetry::Field nan[] = {{"v", telemetry::FieldValue::floating(std::numeric_limits<double>::quiet_NaN())}};
    const telemetry::Field ok[] = {{"v", telemetry::FieldValue::integer(4)}};
    ASSERT_TRUE(writer.add({"m", {}, nan, 1}));
    ASSERT_TRUE(writer.add({"m", {}, ok, 2}));
    handle(std::string(writer.bytes()));
    EXPECT_EQ(metrics_.points_in.load(), 2u);
    EXPECT_EQ(metrics_.points_rejected.load(), 1u);
    EXPECT_EQ(lines(), "m,host=alpha v=4i 2\n");
}

}  // namespace
}  // namespace trellis::host::influx_writer
