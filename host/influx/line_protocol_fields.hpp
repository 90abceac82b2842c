#pragma once
// Just enough of an InfluxDB 1.x line-protocol reader to answer "which lines
// of this batch wrote field F of measurement M with type T?" — what a 400
// "field type conflict" answer needs. Not a validator: InfluxDB is.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::host::influx {

// The type names InfluxDB uses in its error messages.
enum class FieldType { Float, Integer, Unsigned, String, Boolean };

// "float", "integer", "unsigned", "string", "boolean" — as in InfluxDB's errors.
std::optional<FieldType> field_type_from_name(std::string_view name) noexcept;

struct LineFields {
    std::string measurement;                                // unescaped
    std::vector<std::pair<std::string, FieldType>> fields;  // unescaped key, type of the value
};

// nullopt when the line has no measurement or field set it can read.
std::optional<LineFields> read_line_fields(std::string_view line);

}  // namespace trellis::host::influx
