#include "influx_writer/self_metrics.hpp"

namespace trellis::host::influx_writer {

namespace {
// Not a WriterMetrics cell (that struct is the sender's contract too): the receiver keeps it.
constexpr std::string_view kDuplicateField = "duplicate_points";
}  // namespace

SelfMetrics::SelfMetrics(std::string writer_id, std::chrono::nanoseconds interval, WallTime start)
    : writer_id_(std::move(writer_id)),
      interval_(interval),
      next_(start + std::chrono::duration_cast<WallTime::duration>(interval)) {
    tag_ = {"writer", writer_id_};
    fields_.reserve(kMetricCells.size() + 1);
}

bool SelfMetrics::due(WallTime now) {
    if (now < next_) return false;
    // Skip intervals missed while busy rather than emitting a burst of points.
    const auto step = std::chrono::duration_cast<WallTime::duration>(interval_);
    while (next_ <= now) next_ += step;
    return true;
}

const telemetry::Point& SelfMetrics::point(const influx::WriterMetrics& metrics, std::uint64_t duplicate_points,
                                           WallTime now) {
    fields_.clear();
    for (const MetricCell& cell : kMetricCells)
        fields_.push_back({cell.name, telemetry::FieldValue::integer(std::int64_t(value_of(metrics, cell)))});
    fields_.push_back({kDuplicateField, telemetry::FieldValue::integer(std::int64_t(duplicate_points))});
    point_ = telemetry::Point{kSelfMeasurement,
                              {&tag_, 1},
                              fields_,
                              std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count()};
    return point_;
}

}  // namespace trellis::host::influx_writer
