#pragma once
// Walking the points of a batch: counting them, visiting them, and finding the
// point boundary nearest the middle (for 413 splits). A raw newline may sit
// inside a quoted string field, so points are found with the quote-aware
// scanner InfluxDB itself uses (telemetry/line_split.hpp), never at every '\n'.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "telemetry/line_split.hpp"

namespace trellis::host::influx {

// Calls visit(line) for every non-empty point line, without its trailing '\n'.
template <class Visit>
void for_each_line(std::string_view lines, Visit&& visit) {
    for (std::size_t pos = 0; pos < lines.size();) {
        const std::size_t n = telemetry::line_length(lines, pos);
        std::string_view line = lines.substr(pos, n);
        if (line.ends_with('\n')) line.remove_suffix(1);
        if (!line.empty()) visit(line);
        pos += n;
    }
}

inline std::uint64_t count_lines(std::string_view lines) {
    std::uint64_t count = 0;
    for_each_line(lines, [&](std::string_view) { ++count; });
    return count;
}

// The offset just after the point boundary closest to the middle of `lines`,
// so that [0, offset) and [offset, size) both hold whole points; lines.size()
// when `lines` is a single point.
inline std::size_t middle_line_boundary(std::string_view lines) {
    const std::size_t middle = lines.size() / 2;
    std::size_t best = lines.size();
    std::size_t best_distance = lines.size();
    for (std::size_t pos = 0; pos < lines.size();) {
        pos += telemetry::line_length(lines, pos);
        if (pos >= lines.size()) break;  // the end is not a cut
        const std::size_t distance = pos > middle ? pos - middle : middle - pos;
        if (distance <= best_distance) {  // a tie goes to the later cut
            best = pos;
            best_distance = distance;
        }
        if (pos > middle) break;  // later cuts are only farther
    }
    return best;
}

}  // namespace trellis::host::influx
