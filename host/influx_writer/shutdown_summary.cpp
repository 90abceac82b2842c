#include "influx_writer/shutdown_summary.hpp"

#include <iomanip>

#include "influx_writer/metric_cells.hpp"

namespace trellis::host::influx_writer {

void print_shutdown_summary(std::ostream& out, const influx::WriterMetrics& metrics, std::uint64_t duplicate_points,
                            bool spool_empty, const std::filesystem::path& spool_dir) {
    constexpr int kNameWidth = 22;
    out << "trellis-influx summary\n";
    for (const MetricCell& cell : kMetricCells)
        out << "  " << std::left << std::setw(kNameWidth) << cell.name << value_of(metrics, cell) << '\n';
    out << "  " << std::left << std::setw(kNameWidth) << "duplicate_points" << duplicate_points << '\n';
    if (spool_empty)
        out << "everything was delivered; the spool is empty\n";
    else
        out << "NOT everything was delivered: " << metrics.spool_bytes.load(std::memory_order_relaxed)
            << " bytes wait in the spool " << spool_dir.string() << " and are sent first at the next start\n";
    out.flush();
}

}  // namespace trellis::host::influx_writer
