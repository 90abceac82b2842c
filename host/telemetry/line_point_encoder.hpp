#pragma once
// Encodes points as InfluxDB 1.x line protocol into a caller-owned buffer:
//   measurement[,tag=value...] field=value[,field=value...] timestamp_ns\n
// Tags are written sorted by key (byte order, as InfluxDB's Go bytes.Compare,
// which the docs recommend for write performance). Fields keep caller order.
// Once the buffer and the encoder's tag-order scratch are warm, appending a
// point allocates nothing.
//
// Rejected (error, buffer left exactly as before the call):
//   - empty measurement, tag key, tag value or field key, or no field at all
//     (1.x has no empty tag values; omit the tag instead);
//   - a newline anywhere (1.x cannot represent it, see line_escape.hpp);
//   - a measurement starting with '#' (1.x reads the line as a comment);
//   - a name or tag value with a backslash at its end or right before ',', ' ',
//     '=' or '"' (1.x has no escape for a backslash outside string fields and
//     reads such a backslash as an escape; other backslashes are stored as is);
//   - duplicate tag keys; non-finite floats (1.x has no NaN/Inf).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/error.hpp"

namespace trellis::host::telemetry {

struct Tag {
    std::string_view key;
    std::string_view value;
};

// Named factories instead of converting constructors: a string literal must
// not silently become a bool field.
class FieldValue {
public:
    static FieldValue integer(std::int64_t value) { return FieldValue{value}; }
    static FieldValue floating(double value) { return FieldValue{value}; }
    static FieldValue boolean(bool value) { return FieldValue{value}; }
    static FieldValue string(std::string_view value) { return FieldValue{value}; }

    using Variant = std::variant<std::int64_t, double, bool, std::string_view>;
    const Variant& get() const { return value_; }

private:
    explicit FieldValue(Variant value) : value_(value) {}
    Variant value_;
};

struct Field {
    std::string_view key;
    FieldValue value;
};

struct Point {
    std::string_view measurement;
    std::span<const Tag> tags;
    std::span<const Field> fields;
    std::int64_t timestamp_ns = 0;
};

class LinePointEncoder {
public:
    // Pre-sizes the tag-order scratch so points with up to this many tags never allocate.
    explicit LinePointEncoder(std::size_t expected_max_tags = 16);

    // Appends one line (with trailing '\n') to `out`; on error `out` is unchanged.
    Result<void> append(std::string& out, const Point& point);

private:
    Result<void> sort_tags(const Point& point);

    std::vector<std::uint32_t> tag_order_;
};

}  // namespace trellis::host::telemetry
