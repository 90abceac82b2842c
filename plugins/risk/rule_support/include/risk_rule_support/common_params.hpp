#pragma once
// The parameters several rules share, declared and read once so their key,
// type, documentation and error messages cannot drift apart between rules.

#include <cstdint>
#include <optional>
#include <string_view>

#include "trellis/params.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/types.hpp"

namespace trellis::risk {

/// `symbol`: the one instrument a rule applies to; empty = every instrument.
inline constexpr ParamSpec kSymbolParam{"symbol", ParamType::String, "",
                                        "instrument the rule applies to, e.g. AMZN; empty = every instrument"};

/// `breach_level`: what level() reports while the rule is in breach. The
/// default differs per rule (how serious its breach is).
constexpr ParamSpec breach_level_param(const char* default_level) noexcept {
    return {"breach_level", ParamType::String, default_level,
            "risk level reported while the rule is in breach: elevated, high, severe or halted"};
}

/// "elevated", "high", "severe", "halted" → the level; anything else (including
/// "normal", which would make a breach invisible) → nullopt.
std::optional<RiskLevel> parse_breach_level(std::string_view text) noexcept;

/// params.breach_level as a level; throws std::invalid_argument naming `rule`,
/// the value and the choices when it is none of them.
RiskLevel read_breach_level(const Params& params, std::string_view rule);

/// params.<key> as an integer ≥ 1, for counts and durations a rule cannot work
/// with at zero (a window of 0 ms, a ring of 0 orders). The host checks each
/// schema's min, but a rule built directly (tests, another host) must not start
/// with a value that sizes a negative allocation. Throws std::invalid_argument
/// naming `rule`, the key, the value and `unit`.
std::int64_t read_positive_int(const Params& params, std::string_view key, std::string_view rule,
                               std::string_view unit);

/// params.<key>, a whole number of milliseconds ≥ 1 (read_positive_int), as a Duration in ns.
Duration read_positive_millis(const Params& params, std::string_view key, std::string_view rule);

/// params.<key> (a float) × 10^decimals as an exact integer ≥ 0, for values a
/// rule compares as integers (a ratio in millionths, a percentage in
/// millionths). Throws std::invalid_argument naming `rule` and the key when
/// the value has more decimals than that or is negative.
std::int64_t read_fixed_point(const Params& params, std::string_view key, int decimals, std::string_view rule);

}  // namespace trellis::risk
