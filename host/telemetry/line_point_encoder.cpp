#include "telemetry/line_point_encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "telemetry/append_in_place.hpp"
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

// Room of the timestamp: the longest int64 text (20 bytes) and a margin.
constexpr std::size_t kIntegerRoom = 21;

// Room a field value may take: a number's text and its 'i' suffix, "false", or a string doubled by
// escaping plus its quotes.
std::size_t value_room(const FieldValue::Variant& value) noexcept {
    if (const auto* text = std::get_if<std::string_view>(&value)) return 2 * text->size() + 2;
    return kNumberBufferSize;
}

template <class Number>
char* write_number(char* out, Number value) noexcept {
    return std::to_chars(out, out + kNumberBufferSize, value).ptr;
}

// A name the fast path can write: not empty, no newline, no backslash 1.x would misread (the rare
// name with a backslash is scanned in full).
bool writable_name(std::string_view text, std::uint8_t classes) noexcept {
    if (text.empty() || (classes & kNewline)) return false;
    return !(classes & kBackslash) || scan_name(text).bad_backslash == std::string_view::npos;
}

// Says what is wrong with a point whose names the fast path refused (check_name words each case).
Result<void> name_error(const Point& point) {
    if (auto ok = check_name(point.measurement, "measurement", point.measurement); !ok) return ok;
    for (const Tag& tag : point.tags) {
        if (auto ok = check_name(point.measurement, "tag key", tag.key); !ok) return ok;
        if (auto ok = check_name(point.measurement, "value", tag.value, tag.key); !ok) return ok;
    }
    for (const Field& field : point.fields)
        if (auto ok = check_name(point.measurement, "field key", field.key); !ok) return ok;
    return fail(fmt::format("telemetry point '{}': a name cannot be encoded", point.measurement));
}

Result<void> non_finite_error(const Point& point, const Field& field) {
    return fail(
        fmt::format("telemetry point '{}': field '{}' is {}, InfluxDB 1.x stores only finite floats; "
                    "skip the field or clamp the value",
                    point.measurement, field.key, std::get<double>(field.value.get())));
}

}  // namespace

LinePointEncoder::LinePointEncoder(std::size_t expected_max_tags) {
    tag_order_.reserve(expected_max_tags);
    tag_classes_.reserve(2 * expected_max_tags);
    field_classes_.reserve(4 * expected_max_tags);
}

Result<void> LinePointEncoder::sort_tags(const Point& point) {
    tag_order_.resize(point.tags.size());
    // Insertion sort: points have a handful of tags. string_view compares like memcmp (unsigned
    // bytes), the order of Go's bytes.Compare.
    for (std::uint32_t i = 0; i < tag_order_.size(); ++i) {
        std::uint32_t j = i;
        for (; j > 0 && point.tags[i].key < point.tags[tag_order_[j - 1]].key; --j) tag_order_[j] = tag_order_[j - 1];
        tag_order_[j] = i;
    }
    for (std::size_t i = 1; i < tag_order_.size(); ++i) {
        if (point.tags[tag_order_[i]].key == point.tags[tag_order_[i - 1]].key) {
            return fail(fmt::format("telemetry point '{}': tag key '{}' appears twice; keep one", point.measurement,
                                    point.tags[tag_order_[i]].key));
        }
    }
    return {};
}

Result<void> LinePointEncoder::append(std::string& out, const Point& point) {
    // Every name is classified once (line_escape.hpp); the same pass sizes the line's upper bound,
    // so the line is then written with plain stores into room made once. Names are checked before
    // anything is written; a non-finite float found while writing rolls the line back.
    // Refusals come in the order the checks are listed in line_point_encoder.hpp: the
    // measurement, then the tags, then the fields; name_error() words a name's problem.
    if (tag_classes_.size() < 2 * point.tags.size()) tag_classes_.resize(2 * point.tags.size());
    if (field_classes_.size() < point.fields.size()) field_classes_.resize(point.fields.size());
    const std::uint8_t measurement_classes = char_classes(point.measurement);
    if (!writable_name(point.measurement, measurement_classes)) return name_error(point);
    if (point.measurement.front() == '#') {
        return fail(
            fmt::format("telemetry point '{}': a measurement starting with '#' is read as a comment line by "
                        "InfluxDB 1.x; rename it",
                        point.measurement));
    }
    std::size_t room = 2 * point.measurement.size() + 1 + kIntegerRoom + 1;
    bool names_ok = true;
    for (std::size_t i = 0; i < point.tags.size(); ++i) {
        const Tag& tag = point.tags[i];
        tag_classes_[2 * i] = char_classes(tag.key);
        tag_classes_[2 * i + 1] = char_classes(tag.value);
        names_ok = names_ok && writable_name(tag.key, tag_classes_[2 * i]) &&
                   writable_name(tag.value, tag_classes_[2 * i + 1]);
        room += 2 + 2 * (tag.key.size() + tag.value.size());
    }
    if (!names_ok) return name_error(point);
    if (point.fields.empty()) {
        return fail(fmt::format("telemetry point '{}': has no field; InfluxDB needs at least one", point.measurement));
    }
    for (std::size_t i = 0; i < point.fields.size(); ++i) {
        const Field& field = point.fields[i];
        field_classes_[i] = char_classes(field.key);
        names_ok = names_ok && writable_name(field.key, field_classes_[i]);
        room += 2 + 2 * field.key.size() + value_room(field.value.get());
    }
    if (!names_ok) return name_error(point);
    if (auto ok = sort_tags(point); !ok) return ok;

    const Field* non_finite = nullptr;
    append_in_place(out, room, [&](char* const line) noexcept {
        char* p = write_escaped(line, point.measurement, measurement_classes, kEscapedInMeasurement);
        for (const std::uint32_t index : tag_order_) {
            *p++ = ',';
            p = write_escaped(p, point.tags[index].key, tag_classes_[2 * index], kEscapedInKey);
            *p++ = '=';
            p = write_escaped(p, point.tags[index].value, tag_classes_[2 * index + 1], kEscapedInKey);
        }
        char separator = ' ';
        for (std::size_t i = 0; i < point.fields.size(); ++i) {
            const Field& field = point.fields[i];
            *p++ = separator;
            separator = ',';
            p = write_escaped(p, field.key, field_classes_[i], kEscapedInKey);
            *p++ = '=';
            const auto& value = field.value.get();
            if (const auto* integer = std::get_if<std::int64_t>(&value)) {
                p = write_number(p, *integer);
                *p++ = 'i';
            } else if (const auto* floating = std::get_if<double>(&value)) {
                if (!std::isfinite(*floating)) {
                    non_finite = &field;
                    return line;  // nothing of the line stays
                }
                p = write_number(p, *floating);
            } else if (const auto* boolean = std::get_if<bool>(&value)) {
                const std::string_view word = *boolean ? "true" : "false";
                std::memcpy(p, word.data(), word.size());
                p += word.size();
            } else {
                const auto text = std::get<std::string_view>(value);
                *p++ = '"';
                p = write_escaped(p, text, char_classes(text), kEscapedInString);
                *p++ = '"';
            }
        }
        *p++ = ' ';
        p = write_number(p, point.timestamp_ns);
        *p++ = '\n';
        return p;
    });
    if (non_finite) return non_finite_error(point, *non_finite);
    return {};
}

}  // namespace trellis::host::telemetry
