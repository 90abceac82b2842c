#pragma once
// position_limit: keeps the account's worst-case position in each instrument
// within a long and a short limit. Worst case = the position now plus every
// live order on the same side filling completely (orders still in flight
// included) plus the order being judged. Orders that reduce exposure always
// pass. See README.md.

#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema. Limits in instrument units; -1 = not set (max_long and
/// max_short fall back to max_position).
inline constexpr ParamSpec kPositionLimitParams[] = {
    {"max_position", ParamType::Float, "-1",
     "largest absolute position either way, instrument units; -1 = only max_long/max_short", -1.0},
    {"max_long", ParamType::Float, "-1", "largest long position, instrument units; -1 = max_position", -1.0},
    {"max_short", ParamType::Float, "-1",
     "largest short position (as a positive size), instrument units; -1 = max_position", -1.0},
    kSymbolParam,
    breach_level_param("high"),
};

class PositionLimit final : public RiskRule {
public:
    /// Takes validated params; throws std::invalid_argument when a side is left
    /// without a limit or a limit is negative other than -1.
    explicit PositionLimit(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// breach_level while the position itself (not counting orders) is beyond a
    /// limit in any covered instrument, e.g. after a hot swap lowered the limit.
    RiskLevel level() const noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }

    /// One side's limit as configured: instrument units and the key it came from.
    struct SideLimit {
        double units;
        const char* key;
    };

private:
    SideLimit long_limit_;
    SideLimit short_limit_;
    InstrumentScope scope_;
    RiskLevel breach_level_;
    // Set in start(); per InstrumentId, raw.
    RiskContext* ctx_ = nullptr;
    std::vector<Quantity> max_long_;
    std::vector<Quantity> max_short_;
};

}  // namespace trellis::risk
