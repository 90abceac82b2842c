#pragma once
// Every counter of WriterMetrics by name: the one list the self-metrics point
// and the shutdown summary both walk, so neither can forget a cell.

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "influx/writer_metrics.hpp"

namespace trellis::host::influx_writer {

struct MetricCell {
    std::string_view name;
    std::atomic<std::uint64_t> influx::WriterMetrics::*cell;
};

inline constexpr std::array<MetricCell, 16> kMetricCells = {{
    {"messages_in", &influx::WriterMetrics::messages_in},
    {"bad_messages", &influx::WriterMetrics::bad_messages},
    {"points_in", &influx::WriterMetrics::points_in},
    {"points_rejected", &influx::WriterMetrics::points_rejected},
    {"gaps", &influx::WriterMetrics::gaps},
    {"lost_points", &influx::WriterMetrics::lost_points},
    {"host_restarts", &influx::WriterMetrics::host_restarts},
    {"points_out", &influx::WriterMetrics::points_out},
    {"batches_out", &influx::WriterMetrics::batches_out},
    {"retries", &influx::WriterMetrics::retries},
    {"splits", &influx::WriterMetrics::splits},
    {"dead_letter_points", &influx::WriterMetrics::dead_letter_points},
    {"spooled_batches", &influx::WriterMetrics::spooled_batches},
    {"spool_bytes", &influx::WriterMetrics::spool_bytes},
    {"spool_dropped_points", &influx::WriterMetrics::spool_dropped_points},
    {"replayed_batches", &influx::WriterMetrics::replayed_batches},
}};

// A cell added to WriterMetrics without a row here would silently never be reported.
static_assert(sizeof(influx::WriterMetrics) == kMetricCells.size() * sizeof(std::atomic<std::uint64_t>),
              "WriterMetrics changed: add the new cell to kMetricCells");

inline std::uint64_t value_of(const influx::WriterMetrics& metrics, const MetricCell& cell) {
    return (metrics.*cell.cell).load(std::memory_order_relaxed);
}

}  // namespace trellis::host::influx_writer
