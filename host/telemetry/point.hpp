#pragma once
// A telemetry point: what the host publishes and what trellis-influx writes,
// shaped like an InfluxDB point (measurement, tags, typed fields, ns time).
// Views only: the strings belong to whoever built the point.

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

namespace trellis::host::telemetry {

struct Tag {
    std::string_view key;
    std::string_view value;
};

// Named factories instead of converting constructors: a string literal must
// not silently become a bool field.
class FieldValue {
public:
    // An integer 0: for arrays of values filled in afterwards.
    FieldValue() = default;
    static FieldValue integer(std::int64_t value) { return FieldValue{value}; }
    static FieldValue floating(double value) { return FieldValue{value}; }
    static FieldValue boolean(bool value) { return FieldValue{value}; }
    static FieldValue string(std::string_view value) { return FieldValue{value}; }

    using Variant = std::variant<std::int64_t, double, bool, std::string_view>;
    const Variant& get() const { return value_; }

private:
    explicit FieldValue(Variant value) : value_(value) {}
    Variant value_{std::int64_t{0}};
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

}  // namespace trellis::host::telemetry
