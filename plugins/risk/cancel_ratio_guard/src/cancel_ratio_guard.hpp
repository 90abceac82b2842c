#pragma once
// cancel_ratio_guard: stops new orders while cancels ÷ orders over a sliding
// window is above a limit — the guard against quote stuffing and runaway
// cancel loops (venues police order-to-trade and cancel ratios). Judged only
// once the window holds min_orders orders, so a handful of orders cannot trip
// it. Per strategy or for the whole host. See README.md.

#include <cstdint>
#include <span>
#include <vector>

#include "immediate_order_ids.hpp"
#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "risk_rule_support/strategy_windows.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema.
inline constexpr ParamSpec kCancelRatioGuardParams[] = {
    {"max_ratio", ParamType::Float, "0.95",
     "largest cancels ÷ orders allowed in the window; a ratio exactly at max_ratio passes. Up to 6 decimals", 0.0, 1e6},
    {"min_orders", ParamType::Int, "20", "orders the window must hold before the ratio is judged", 1.0, 1e7},
    kWindowMsParam,
    {"per_strategy", ParamType::Bool, "false", "true: a ratio per strategy; false: one for the host"},
    {"window_capacity", ParamType::Int, "10000",
     "orders (and cancels) one window remembers; counts beyond it saturate. At least min_orders", 1.0, 1e7},
    kSymbolParam,
    breach_level_param("elevated"),
};

class CancelRatioGuard final : public RiskRule {
public:
    /// Takes validated params; throws std::invalid_argument for unusable ones.
    explicit CancelRatioGuard(const Params& params);

    /// Allocates the order and cancel windows: one each, or one each per host strategy.
    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void on_order_update(const OrderUpdate& update) noexcept override;
    /// breach_level while some window's ratio is over the limit (new orders are refused).
    RiskLevel level() const noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

private:
    bool over_limit(std::size_t orders, std::size_t cancels) const noexcept;
    Timestamp now() const noexcept { return ctx_ ? ctx_->now() : last_event_; }

    std::int64_t max_ratio_micros_;  // max_ratio × 10^6
    std::int64_t min_orders_;
    InstrumentScope scope_;
    RiskLevel breach_level_;
    // Mutable because counting drops expired events, which level() and
    // snapshot() (const) must do too; what the windows report does not change.
    mutable StrategyWindows orders_;
    mutable StrategyWindows cancels_;
    ImmediateOrderIds immediate_;
    RiskContext* ctx_ = nullptr;
    Timestamp last_event_ = 0;  // "now" for a snapshot taken after stop()
};

}  // namespace trellis::risk
