#pragma once
// Escaping rules of the InfluxDB 1.x line protocol, one function per syntactic
// position because each position escapes a different character set:
//   measurement            : comma, space
//   tag key / value, field key : comma, equals sign, space
//   string field value     : double quote, backslash (inside the quotes)
// A newline cannot be represented in a name or tag value in 1.x (no `\n`
// escape; a written `\n` would be stored as backslash + n), so the encoder
// rejects it there instead of silently changing the value. Inside a quoted
// string field a raw newline is fine: 1.x's line scanner does not end a line
// inside quotes (tested against influxd) — which is also why batches must be
// split into points with split_lines(), never at every '\n'. Backslashes are copied
// as they are outside string fields; the encoder rejects the ones 1.x would
// misread (see line_point_encoder.hpp).

#include <string>
#include <string_view>

namespace trellis::host::telemetry {

void append_escaped_measurement(std::string& out, std::string_view text);
void append_escaped_key(std::string& out, std::string_view text);           // tag keys, tag values, field keys
void append_escaped_string_value(std::string& out, std::string_view text);  // without the quotes

}  // namespace trellis::host::telemetry
