#pragma once
// Splits a batch of InfluxDB 1.x line protocol into its points. A raw newline
// may sit inside a quoted string field, so a batch must not be cut at every
// '\n': this scanner follows the rules of InfluxDB 1.x's own line scanner
// (models/points.go scanLine) — a backslash skips the next byte, a double
// quote toggles "inside a string" only in the field section and only right
// after a field's '=', and only a newline outside quotes ends a point.

#include <string_view>
#include <vector>

namespace trellis::host::telemetry {

// The points of `batch`, each with its trailing '\n' when it had one. Empty
// lines and '#' comment lines are returned too (InfluxDB skips them).
std::vector<std::string_view> split_lines(std::string_view batch);

// Length of the point starting at `batch[start]`, up to and including its '\n'.
std::size_t line_length(std::string_view batch, std::size_t start);

}  // namespace trellis::host::telemetry
