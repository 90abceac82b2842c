#pragma once
// Collects encoded points into one open batch and hands it to the sender when
// it is full (max_points lines) or old (its first line was added max_delay
// ago). Time is passed in by the caller, so tests drive it with a fake clock.

#include <chrono>
#include <optional>

#include "influx/influx_sender.hpp"
#include "influx/line_batch.hpp"
#include "influx_writer/writer_config.hpp"
#include "telemetry/line_point_encoder.hpp"
#include "telemetry/point.hpp"
#include "util/error.hpp"

namespace trellis::host::influx_writer {

class LineBatcher {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    LineBatcher(const BatchLimits& limits, influx::InfluxSender& sender);

    // Encodes `point` as one line into the open batch (sealing it if that makes it full).
    // A point the encoder refuses leaves the batch unchanged and returns the encoder's error.
    Result<void> add(const telemetry::Point& point, TimePoint now);

    // Seals the open batch if its oldest line is max_delay old by `now`.
    void seal_if_due(TimePoint now);
    // Seals the open batch whatever its size or age (shutdown).
    void seal();

    // When seal_if_due must next be called; nullopt while the batch is empty.
    std::optional<TimePoint> due_at() const;
    std::uint64_t open_points() const noexcept { return open_.points; }

private:
    void start_batch();

    BatchLimits limits_;
    influx::InfluxSender* sender_;
    telemetry::LinePointEncoder encoder_;
    influx::LineBatch open_;
    TimePoint opened_at_{};
};

}  // namespace trellis::host::influx_writer
