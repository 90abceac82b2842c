#include "risk_rule_support/common_params.hpp"

#include <stdexcept>
#include <string>

#include "trellis/units.hpp"

namespace trellis::risk {

std::optional<RiskLevel> parse_breach_level(std::string_view text) noexcept {
    for (const RiskLevel level : {RiskLevel::Elevated, RiskLevel::High, RiskLevel::Severe, RiskLevel::Halted})
        if (text == to_string(level)) return level;
    return std::nullopt;
}

RiskLevel read_breach_level(const Params& params, std::string_view rule) {
    const std::string text = params.get_string("breach_level");
    if (const auto level = parse_breach_level(text)) return *level;
    throw std::invalid_argument(std::string(rule) + ": params.breach_level = '" + text +
                                "' is not a breach level; use one of elevated, high, severe, halted");
}

std::int64_t read_positive_int(const Params& params, std::string_view key, std::string_view rule,
                               std::string_view unit) {
    const std::int64_t value = params.get_int(key);
    if (value < 1)
        throw std::invalid_argument(std::string(rule) + ": params." + std::string(key) + " = " + std::to_string(value) +
                                    " must be at least 1 (" + std::string(unit) + ")");
    return value;
}

Duration read_positive_millis(const Params& params, std::string_view key, std::string_view rule) {
    constexpr Duration kMillisecond = 1'000'000;
    return read_positive_int(params, key, rule, "milliseconds") * kMillisecond;
}

std::int64_t read_fixed_point(const Params& params, std::string_view key, int decimals, std::string_view rule) {
    const double value = params.get_float(key);
    const std::string name = std::string(rule) + ": params." + std::string(key);
    const auto raw = to_fixed_point(value, decimals);
    if (!raw) throw std::invalid_argument(name + " = " + format_number(value) + " " + raw.error());
    if (*raw < 0) throw std::invalid_argument(name + " must not be negative");
    return *raw;
}

}  // namespace trellis::risk
