#pragma once
// What trellis-influx prints when it stops: every counter, and whether
// anything is left in the spool (it is sent first at the next start).

#include <cstdint>
#include <filesystem>
#include <ostream>

#include "influx/writer_metrics.hpp"

namespace trellis::host::influx_writer {

void print_shutdown_summary(std::ostream& out, const influx::WriterMetrics& metrics, std::uint64_t duplicate_points,
                            bool spool_empty, const std::filesystem::path& spool_dir);

}  // namespace trellis::host::influx_writer
