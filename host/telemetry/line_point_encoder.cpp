#include "telemetry/line_point_encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "telemetry/line_escape.hpp"

namespace trellis::host::telemetry {
namespace {

// Largest text of a double from std::to_chars shortest form ("-2.2250738585072014e-308") and of an int64, with margin.
constexpr std::size_t kNumberBufferSize = 32;

// What a single pass over a name finds; one pass because names are checked for every point.
struct NameScan {
    bool has_newline = false;
    // InfluxDB 1.x (checked against influxd 1.6.7) has no escape for a backslash in names and tag values: a
    // backslash right before ',', ' ', '=' or '"' is taken as an escape of that character (mangling the name or
    // breaking the line), and one at the end escapes the separator that follows. Other backslashes are stored
    // literally. Position of the first such backslash, or npos.
    std::size_t bad_backslash = std::string_view::npos;
};

// Characters a preceding backslash escapes when InfluxDB 1.x unescapes a name or tag value.
constexpr bool read_as_escape(char c) { return c == ',' || c == ' ' || c == '=' || c == '"'; }

NameScan scan_name(std::string_view text) {
    NameScan scan;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            scan.has_newline = true;
        } else if (c == '\\' && scan.bad_backslash == std::string_view::npos) {
            if (i + 1 == text.size() || read_as_escape(text[i + 1])) scan.bad_backslash = i;
        }
    }
    return scan;
}

// Checks shared by every name and tag value. `what` names the position and `tag_key`, when set, the tag whose
// value is checked; the description is only built on failure so valid points never allocate here.
Result<void> check_name(std::string_view measurement, std::string_view what_kind, std::string_view text,
                        std::string_view tag_key = {}) {
    const auto what = [&] {
        return tag_key.empty() ? std::string(what_kind) : fmt::format("{} of tag '{}'", what_kind, tag_key);
    };
    if (text.empty()) {
        return fail(
            fmt::format("telemetry point '{}': {} is empty; InfluxDB 1.x needs a non-empty name (omit an empty tag)",
                        measurement, what()));
    }
    const NameScan scan = scan_name(text);
    if (scan.has_newline) {
        return fail(
            fmt::format("telemetry point '{}': {} contains a newline, which InfluxDB 1.x line protocol cannot "
                        "represent; remove or replace it",
                        measurement, what()));
    }
    if (const auto position = scan.bad_backslash; position != std::string_view::npos) {
        return fail(
            fmt::format("telemetry point '{}': {} '{}' has a backslash at byte {} {}, which InfluxDB 1.x reads "
                        "as an escape and cannot represent; remove or replace that backslash",
                        measurement, what(), text, position,
                        position + 1 == text.size() ? "at the end" : "before a comma, space, '=' or '\"'"));
    }
    return {};
}

template <class Number>
void append_number(std::string& out, Number value) {
    char buffer[kNumberBufferSize];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

Result<void> append_field_value(std::string& out, std::string_view measurement, const Field& field) {
    const auto& value = field.value.get();
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        append_number(out, *integer);
        out.push_back('i');
    } else if (const auto* floating = std::get_if<double>(&value)) {
        if (!std::isfinite(*floating)) {
            return fail(
                fmt::format("telemetry point '{}': field '{}' is {}, InfluxDB 1.x stores only finite floats; "
                            "skip the field or clamp the value",
                            measurement, field.key, *floating));
        }
        append_number(out, *floating);
    } else if (const auto* boolean = std::get_if<bool>(&value)) {
        out.append(*boolean ? "true" : "false");
    } else {
        const auto text = std::get<std::string_view>(value);
        out.push_back('"');
        append_escaped_string_value(out, text);
        out.push_back('"');
    }
    return {};
}

}  // namespace

LinePointEncoder::LinePointEncoder(std::size_t expected_max_tags) { tag_order_.reserve(expected_max_tags); }

Result<void> LinePointEncoder::sort_tags(const Point& point) {
    tag_order_.resize(point.tags.size());
    for (std::uint32_t i = 0; i < tag_order_.size(); ++i) tag_order_[i] = i;
    // string_view compares like memcmp (unsigned bytes), the order of Go's bytes.Compare.
    std::sort(tag_order_.begin(), tag_order_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return point.tags[a].key < point.tags[b].key; });
    for (std::size_t i = 1; i < tag_order_.size(); ++i) {
        if (point.tags[tag_order_[i]].key == point.tags[tag_order_[i - 1]].key) {
            return fail(fmt::format("telemetry point '{}': tag key '{}' appears twice; keep one", point.measurement,
                                    point.tags[tag_order_[i]].key));
        }
    }
    return {};
}

Result<void> LinePointEncoder::append(std::string& out, const Point& point) {
    // Validate names before writing anything so the common error paths leave `out` untouched
    // without a rollback; field values are checked while writing and rolled back below.
    if (auto ok = check_name(point.measurement, "measurement", point.measurement); !ok) return ok;
    if (point.measurement.front() == '#') {
        return fail(
            fmt::format("telemetry point '{}': a measurement starting with '#' is read as a comment line by "
                        "InfluxDB 1.x; rename it",
                        point.measurement));
    }
    for (const Tag& tag : point.tags) {
        if (auto ok = check_name(point.measurement, "tag key", tag.key); !ok) return ok;
        if (auto ok = check_name(point.measurement, "value", tag.value, tag.key); !ok) return ok;
    }
    if (point.fields.empty()) {
        return fail(fmt::format("telemetry point '{}': has no field; InfluxDB needs at least one", point.measurement));
    }
    for (const Field& field : point.fields) {
        if (auto ok = check_name(point.measurement, "field key", field.key); !ok) return ok;
    }
    if (auto ok = sort_tags(point); !ok) return ok;

    const std::size_t rollback_size = out.size();
    append_escaped_measurement(out, point.measurement);
    for (const std::uint32_t index : tag_order_) {
        out.push_back(',');
        append_escaped_key(out, point.tags[index].key);
        out.push_back('=');
        append_escaped_key(out, point.tags[index].value);
    }
    char separator = ' ';
    for (const Field& field : point.fields) {
        out.push_back(separator);
        separator = ',';
        append_escaped_key(out, field.key);
        out.push_back('=');
        if (auto ok = append_field_value(out, point.measurement, field); !ok) {
            out.resize(rollback_size);
            return ok;
        }
    }
    out.push_back(' ');
    append_number(out, point.timestamp_ns);
    out.push_back('\n');
    return {};
}

}  // namespace trellis::host::telemetry
