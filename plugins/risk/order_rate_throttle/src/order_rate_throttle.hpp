#pragma once
// order_rate_throttle: at most max_orders order intents (new orders and
// cancel-replaces) in any sliding window of window_ms, per strategy or for the
// whole host. Cancels are never throttled: taking risk off must stay possible.
// See README.md.

#include <cstdint>
#include <span>
#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "risk_rule_support/strategy_windows.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema.
inline constexpr ParamSpec kOrderRateThrottleParams[] = {
    {"max_orders", ParamType::Int, nullptr,
     "most intents (new + replace) accepted in any window; the max_orders-th passes, the next is rejected", 1.0,
     1'000'000.0},
    kWindowMsParam,
    {"per_strategy", ParamType::Bool, "false", "true: a separate allowance per strategy; false: one for the host"},
    kSymbolParam,
    breach_level_param("elevated"),
};

class OrderRateThrottle final : public RiskRule {
public:
    /// Takes validated params. Throws std::invalid_argument for a limit or window below 1.
    explicit OrderRateThrottle(const Params& params);

    /// Allocates the windows: one, or one per host strategy.
    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// breach_level while some allowance is used up (the next intent would be rejected).
    RiskLevel level() const noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

private:
    Timestamp now() const noexcept { return ctx_ ? ctx_->now() : last_check_; }

    std::int64_t max_orders_;
    std::int64_t window_ms_;
    InstrumentScope scope_;
    RiskLevel breach_level_;
    // Mutable because counting drops expired events, which level() and
    // snapshot() (const) must do too; what the windows report does not change.
    mutable StrategyWindows windows_;
    RiskContext* ctx_ = nullptr;
    Timestamp last_check_ = 0;  // "now" for a snapshot taken after stop()
};

}  // namespace trellis::risk
