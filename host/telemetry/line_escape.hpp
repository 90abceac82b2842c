#pragma once
// Escaping rules of the InfluxDB 1.x line protocol, one position at a time
// because each position escapes a different character set:
//   measurement                : comma, space
//   tag key / value, field key : comma, equals sign, space
//   string field value         : double quote, backslash (inside the quotes)
// A newline cannot be represented in a name or tag value in 1.x (no `\n`
// escape; a written `\n` would be stored as backslash + n), so the encoder
// rejects it there instead of silently changing the value. Inside a quoted
// string field a raw newline is fine: 1.x's line scanner does not end a line
// inside quotes (tested against influxd) — which is also why batches must be
// split into points with split_lines(), never at every '\n'. Backslashes are copied
// as they are outside string fields; the encoder rejects the ones 1.x would
// misread (see line_point_encoder.hpp).
//
// One table classifies every byte, so a name is looked at once: the OR of its
// bytes' classes says whether it needs escaping at all (most names do not:
// then it is one copy) and whether it holds a newline or a backslash.

#include <cstdint>
#include <string_view>

namespace trellis::host::telemetry {

// Class bits of a byte: the positions that escape it, and the two the encoder checks names for.
enum CharClass : std::uint8_t {
    kEscapedInMeasurement = 1,
    kEscapedInKey = 2,  // tag keys, tag values, field keys
    kEscapedInString = 4,
    kNewline = 8,
    kBackslash = 16,
};

// The OR of the classes of `text`'s bytes.
std::uint8_t char_classes(std::string_view text) noexcept;

// Writes `text` at `out` with the bytes of class `escaped` preceded by a backslash; `classes` is
// char_classes(text). Room for 2 × text.size() bytes is needed. Returns the end of what it wrote.
char* write_escaped(char* out, std::string_view text, std::uint8_t classes, CharClass escaped) noexcept;

}  // namespace trellis::host::telemetry
