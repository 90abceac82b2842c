#include "influx/line_protocol_fields.hpp"

#include <algorithm>
#include <array>

namespace trellis::host::influx {
namespace {

// Reads an escaped name up to one of `stops` (unescaped) from `text`, drops
// it from `text` and returns it unescaped. Line protocol escapes with a
// backslash only the characters that would end the name; any other
// backslash is literal.
std::string read_name(std::string_view& text, std::string_view stops) {
    std::string name;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() &&
            (stops.find(text[i + 1]) != std::string_view::npos || text[i + 1] == '\\')) {
            name.push_back(text[++i]);
            continue;
        }
        if (stops.find(c) != std::string_view::npos) break;
        name.push_back(c);
    }
    text.remove_prefix(i);
    return name;
}

// Skips a field value (a quoted string may hold spaces and commas) and
// returns its type.
FieldType read_value_type(std::string_view& text) {
    if (!text.empty() && text.front() == '"') {
        std::size_t i = 1;
        for (; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\\') ++i;  // \" and \\ inside strings
        }
        text.remove_prefix(std::min(i + 1, text.size()));
        return FieldType::String;
    }
    const std::size_t end = text.find_first_of(", ");
    const std::string_view value = text.substr(0, end);
    text.remove_prefix(value.size());
    static constexpr std::array<std::string_view, 10> kBooleans = {"t", "T", "true",  "True",  "TRUE",
                                                                   "f", "F", "false", "False", "FALSE"};
    for (const auto word : kBooleans) {
        if (value == word) return FieldType::Boolean;
    }
    if (value.ends_with('i')) return FieldType::Integer;
    if (value.ends_with('u')) return FieldType::Unsigned;
    return FieldType::Float;
}

}  // namespace

std::optional<FieldType> field_type_from_name(std::string_view name) noexcept {
    if (name == "float") return FieldType::Float;
    if (name == "integer") return FieldType::Integer;
    if (name == "unsigned") return FieldType::Unsigned;
    if (name == "string") return FieldType::String;
    if (name == "boolean") return FieldType::Boolean;
    return std::nullopt;
}

std::optional<LineFields> read_line_fields(std::string_view line) {
    LineFields result;
    result.measurement = read_name(line, ", ");
    if (result.measurement.empty()) return std::nullopt;
    // Tags: ",k=v" pairs up to the first unescaped space.
    while (!line.empty() && line.front() == ',') {
        line.remove_prefix(1);
        read_name(line, ",= ");
        if (!line.empty() && line.front() == '=') {
            line.remove_prefix(1);
            read_name(line, ", ");
        }
    }
    if (line.empty() || line.front() != ' ') return std::nullopt;
    line.remove_prefix(1);
    // Fields: "k=v" pairs separated by commas, ended by a space (timestamp) or the line's end.
    while (!line.empty() && line.front() != ' ') {
        std::string key = read_name(line, ",= ");
        if (line.empty() || line.front() != '=') return std::nullopt;
        line.remove_prefix(1);
        result.fields.emplace_back(std::move(key), read_value_type(line));
        if (!line.empty() && line.front() == ',') line.remove_prefix(1);
    }
    if (result.fields.empty()) return std::nullopt;
    return result;
}

}  // namespace trellis::host::influx
