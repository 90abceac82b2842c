#pragma once
// Session loss limit (SEC 15c3-5(c)(1)(i) credit and capital thresholds; the
// FIA guide's loss limit): once the account has lost max_loss from its peak equity this
// session, only orders that reduce a position pass, for the rest of the
// session. See README.md for the exact semantics.

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/equity_limit_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kDailyLossLimitParams[] = {
    {"max_loss", ParamType::Float, nullptr,
     "loss from the session's peak equity that trips the rule, quote currency; must be > 0", 0.0},
    breach_level_param("severe"),
};

class DailyLossLimit final : public EquityLimitRule {
public:
    /// Throws std::invalid_argument for a non-positive max_loss or an unknown breach_level.
    explicit DailyLossLimit(const Params& params);

    /// The loss (quote currency) that tripped the rule.
    double loss_at_breach() const noexcept { return latch().measured(); }

private:
    /// Trips once peak − equity reaches max_loss; latched for the session.
    void measure(const RiskContext& ctx, BreachLatch& latch) const noexcept override;
    void describe(const BreachLatch& latch, ReasonText& why) const noexcept override;

    double max_loss_;
};

}  // namespace trellis::risk
