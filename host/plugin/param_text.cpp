#include "plugin/param_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <variant>

#include "plugin/concat.hpp"
#include "util/decimal.hpp"

namespace trellis::host {

namespace {
// ParamSpec uses ±1e300 as "unbounded"; anything at or beyond counts as none.
constexpr double kUnbounded = 1e300;

Result<ParamValue> parse_float(std::string_view text) {
    // from_chars refuses a leading '+', which TOML allows.
    if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return fail(concat("'", text, "' is not a finite float"));
    return ParamValue{value};
}

double as_double(const ParamValue& value) noexcept {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return double(*i);
    if (const auto* d = std::get_if<double>(&value)) return *d;
    return 0.0;
}
}  // namespace

Result<ParamValue> parse_param_text(ParamType type, std::string_view text) {
    switch (type) {
        case ParamType::Int: {
            const auto value = parse_integer(text);
            if (!value) return fail(concat("'", text, "' is not an int"));
            return ParamValue{*value};
        }
        case ParamType::Float:
            return parse_float(text);
        case ParamType::Bool:
            if (text == "true") return ParamValue{true};
            if (text == "false") return ParamValue{false};
            return fail(concat("'", text, "' is not a bool (write true or false)"));
        case ParamType::String:
            return ParamValue{std::string(text)};
    }
    return fail(concat("unknown parameter type ", std::to_string(int(type))));
}

ParamType type_of(const ParamValue& value) noexcept {
    return std::visit(
        []<class T>(const T&) {
            if constexpr (std::is_same_v<T, std::int64_t>) return ParamType::Int;
            if constexpr (std::is_same_v<T, double>) return ParamType::Float;
            if constexpr (std::is_same_v<T, bool>) return ParamType::Bool;
            if constexpr (std::is_same_v<T, std::string>) return ParamType::String;
        },
        value);
}

std::string format_bound(double bound) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), bound);
    return ec == std::errc{} ? std::string(buf.data(), end) : std::string("?");
}

std::string format_param_value(const ParamValue& value) {
    return std::visit(
        []<class T>(const T& v) -> std::string {
            if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            if constexpr (std::is_same_v<T, double>) return format_bound(v);
            if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
            if constexpr (std::is_same_v<T, std::string>) return concat("\"", v, "\"");
        },
        value);
}

bool has_lower_bound(const ParamSpec& spec) noexcept { return spec.min > -kUnbounded; }
bool has_upper_bound(const ParamSpec& spec) noexcept { return spec.max < kUnbounded; }

std::string range_violation(const ParamSpec& spec, const ParamValue& value) {
    const ParamType type = type_of(value);
    if (type != ParamType::Int && type != ParamType::Float) return {};
    const double v = as_double(value);
    if (has_lower_bound(spec) && v < spec.min) return concat("below the minimum ", format_bound(spec.min));
    if (has_upper_bound(spec) && v > spec.max) return concat("above the maximum ", format_bound(spec.max));
    return {};
}

}  // namespace trellis::host
