#pragma once
/// @file params.hpp
/// Plugin parameters: the schema a plugin declares and the validated values it receives.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace trellis {

/// Type of a parameter value.
enum class ParamType : std::uint8_t { Int = 0, Float = 1, Bool = 2, String = 3 };

/// "int", "float", "bool", "string".
constexpr std::string_view to_string(ParamType t) noexcept {
    switch (t) {
        case ParamType::Int:
            return "int";
        case ParamType::Float:
            return "float";
        case ParamType::Bool:
            return "bool";
        case ParamType::String:
            return "string";
    }
    return "unknown";
}

/// One entry of a plugin's parameter schema. Plain data so it can live in a
/// constant array inside the plugin library.
struct ParamSpec {
    const char* key;            ///< parameter name, snake_case
    ParamType type;             ///< value type
    const char* default_value;  ///< default, as TOML-style text ("10", "0.5", "true", "AMZN"); nullptr = required
    const char* doc;            ///< one line: what it does and its unit
    double min = -1e300;        ///< inclusive lower bound (Int and Float)
    double max = 1e300;         ///< inclusive upper bound (Int and Float)
};

/// A parameter value.
using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

/// Validated parameters handed to a plugin's factory: every key of the schema
/// is present with the declared type (defaults filled in by the host).
class Params {
public:
    /// Sets (or replaces) a value.
    void set(std::string key, ParamValue value) {
        for (auto& [k, v] : entries_)
            if (k == key) {
                v = std::move(value);
                return;
            }
        entries_.emplace_back(std::move(key), std::move(value));
    }
    /// The value of key, or nullptr if absent.
    const ParamValue* find(std::string_view key) const noexcept {
        for (const auto& [k, v] : entries_)
            if (k == key) return &v;
        return nullptr;
    }
    /// Integer value of key (0 if absent or not an int).
    std::int64_t get_int(std::string_view key) const noexcept { return get<std::int64_t>(key, 0); }
    /// Float value of key; an int value is widened (0.0 if absent).
    double get_float(std::string_view key) const noexcept {
        if (const auto* v = find(key)) {
            if (const auto* d = std::get_if<double>(v)) return *d;
            if (const auto* i = std::get_if<std::int64_t>(v)) return double(*i);
        }
        return 0.0;
    }
    /// Bool value of key (false if absent).
    bool get_bool(std::string_view key) const noexcept { return get<bool>(key, false); }
    /// String value of key (empty if absent).
    std::string get_string(std::string_view key) const { return get<std::string>(key, std::string{}); }
    /// All entries in insertion order.
    const std::vector<std::pair<std::string, ParamValue>>& entries() const noexcept { return entries_; }

private:
    template <class T>
    T get(std::string_view key, T fallback) const {
        if (const auto* v = find(key))
            if (const auto* t = std::get_if<T>(v)) return *t;
        return fallback;
    }
    std::vector<std::pair<std::string, ParamValue>> entries_;
};

}  // namespace trellis
