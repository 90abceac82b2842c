#pragma once
// The writer's own metrics as one point of measurement "trellis_influx"
// (tag writer=<writer_id>, one integer field per WriterMetrics cell plus the
// receiver's duplicate count), emitted every interval of wall-clock time into
// the same batch stream as the hosts' points.

#include <chrono>
#include <string>
#include <vector>

#include "influx/writer_metrics.hpp"
#include "influx_writer/metric_cells.hpp"
#include "telemetry/point.hpp"

namespace trellis::host::influx_writer {

inline constexpr std::string_view kSelfMeasurement = "trellis_influx";

class SelfMetrics {
public:
    using WallTime = std::chrono::system_clock::time_point;

    SelfMetrics(std::string writer_id, std::chrono::nanoseconds interval, WallTime start);

    // True once `interval` has passed since the last point (or the start); moves the schedule on.
    bool due(WallTime now);
    // When the next point is due.
    WallTime next_at() const noexcept { return next_; }

    // The point for the counters as they are now, stamped `now`. Valid until the next call.
    const telemetry::Point& point(const influx::WriterMetrics& metrics, std::uint64_t duplicate_points, WallTime now);

private:
    std::string writer_id_;
    std::chrono::nanoseconds interval_;
    WallTime next_;
    telemetry::Tag tag_;
    std::vector<telemetry::Field> fields_;
    telemetry::Point point_;
};

}  // namespace trellis::host::influx_writer
