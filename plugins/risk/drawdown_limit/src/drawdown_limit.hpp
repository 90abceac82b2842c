#pragma once
// Drawdown limit (SEC 15c3-5 capital thresholds and the FIA guide's loss
// limits, relative to the account): once equity has fallen max_drawdown_pct
// percent below its session peak, only orders that reduce a position pass —
// for the rest of the session, or, with reset_on_new_peak, until equity climbs
// above that peak. See README.md.

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/equity_limit_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kDrawdownLimitParams[] = {
    {"max_drawdown_pct", ParamType::Float, nullptr,
     "fall of equity below its session peak that trips the rule, percent of the peak; in (0, 100]", 0.0, 100.0},
    {"reset_on_new_peak", ParamType::Bool, "false",
     "true: the breach clears once equity rises above the peak it fell from; false: it lasts the session"},
    breach_level_param("severe"),
};

class DrawdownLimit final : public EquityLimitRule {
public:
    /// Throws std::invalid_argument for a max_drawdown_pct outside (0, 100] or an unknown breach_level.
    explicit DrawdownLimit(const Params& params);

    /// The drawdown (percent of the peak) that tripped the rule.
    double drawdown_pct_at_breach() const noexcept { return latch().measured(); }
    /// The equity peak the breach was measured from.
    double peak_at_breach() const noexcept { return latch().peak(); }

private:
    /// Trips once (peak − equity) / peak reaches max_drawdown_pct; with
    /// reset_on_new_peak, clears when the peak rises above the breach's.
    void measure(const RiskContext& ctx, BreachLatch& latch) const noexcept override;
    void describe(const BreachLatch& latch, ReasonText& why) const noexcept override;

    double max_drawdown_pct_;
    bool reset_on_new_peak_;
};

}  // namespace trellis::risk
