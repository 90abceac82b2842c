#pragma once
// Which lines of a batch did InfluxDB 1.x refuse with 400? It writes the
// valid points of the batch and names the rest in its error:
//   unable to parse '<line>': <reason>            (one per bad line, '\n'-separated)
//   field type conflict: input field "f" on measurement "m" is type float,
//   already exists as type integer dropped=N      (only the FIRST conflict is named)
// so the rejected lines are the quoted ones, and the lines of measurement m
// whose field f has the offending type.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trellis::host::influx {

struct RejectedSplit {
    std::string rejected;  // '\n'-terminated lines the error names
    std::uint64_t rejected_points = 0;
    std::string rest;  // the other lines, '\n'-terminated, in batch order
    std::uint64_t rest_points = 0;
};

// nullopt when the error names no line of `lines` (an error this code does
// not understand, e.g. "points beyond retention policy").
std::optional<RejectedSplit> split_rejected_lines(std::string_view lines, std::string_view error);

}  // namespace trellis::host::influx
