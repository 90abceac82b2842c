#pragma once
// What the receiver does with one ZeroMQ message: decode it (a message that
// does not decode is discarded whole, so a half-read message never reaches
// InfluxDB), check its sequence numbers, tag each point with the publishing
// host and hand it to the batcher. Counts into WriterMetrics; logs what an
// operator must know, without flooding the log when something repeats.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "influx/writer_metrics.hpp"
#include "influx_writer/gap_tracker.hpp"
#include "influx_writer/line_batcher.hpp"
#include "telemetry/point.hpp"
#include "telemetry/wire_format.hpp"
#include "util/error.hpp"

namespace trellis::host {
class Logger;
}

namespace trellis::host::influx_writer {

// The tag naming the publishing host on every point written (the header's host id).
inline constexpr std::string_view kHostTag = "host";

class MessageHandler {
public:
    MessageHandler(LineBatcher& batcher, influx::WriterMetrics& metrics, Logger& logger);

    void handle(std::string_view message, LineBatcher::TimePoint now);

    // Points dropped because their sequence numbers were already seen (replays).
    std::uint64_t duplicate_points() const noexcept { return duplicate_points_; }

private:
    // Reads every point once without using it: Ok(count) or the first error.
    static Result<std::uint32_t> validate(telemetry::WireMessageReader reader);
    void report_bad_message(std::string_view host, const Error& error);
    void report_sequence(std::string_view host, std::uint64_t session, const SequenceCheck& check);
    void forward(std::string_view message, std::uint64_t skip_points, LineBatcher::TimePoint now);
    // The point with tag host=<host> (replacing a `host` tag the publisher set itself).
    telemetry::Point with_host_tag(const telemetry::Point& point, std::string_view host);

    LineBatcher* batcher_;
    influx::WriterMetrics* metrics_;
    Logger* logger_;
    GapTracker gaps_;
    std::vector<telemetry::Tag> tags_;                            // scratch for with_host_tag
    std::set<std::string, std::less<>> hosts_with_bad_messages_;  // each is logged once
    std::uint64_t duplicate_points_ = 0;
};

}  // namespace trellis::host::influx_writer
