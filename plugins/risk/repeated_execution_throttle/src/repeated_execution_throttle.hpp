#pragma once
// Repeated automated execution throttle (ESMA RTS 6 art. 15; the FIA guide;
// the art. 12 kill functionality at strategy level): when one strategy gets
// max_fills fills within window_ms it is disabled — the host stops it, its live orders are
// cancelled and this rule refuses its orders — until an operator re-enables it.
// A strategy that keeps trading against itself or chasing a runaway market
// stops after a bounded number of executions. See README.md.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "risk_rule_support/strategy_set.hpp"
#include "risk_rule_support/strategy_windows.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kRepeatedExecutionThrottleParams[] = {
    {"max_fills", ParamType::Int, nullptr,
     "fills of one strategy within window_ms that disable it (the max_fills-th fill trips)", 1.0, 10'000.0},
    kWindowMsParam,
    kSymbolParam,
    breach_level_param("high"),
};

class RepeatedExecutionThrottle final : public RiskRule {
public:
    /// Throws std::invalid_argument for max_fills or window_ms < 1 or an unknown breach_level.
    explicit RepeatedExecutionThrottle(const Params& params);

    /// Allocates one fill window per host strategy (the only allocation).
    Status start(RiskContext& ctx) override;
    /// Refuses every order of a disabled strategy, in every instrument.
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// Counts fills per strategy (update.strategy) and trips on the max_fills-th within the window.
    void on_order_update(const OrderUpdate& update) noexcept override;
    /// The operator re-enabled `strategy`: reset(strategy).
    void on_strategy_enabled(std::uint32_t strategy) noexcept override { reset(strategy); }
    /// breach_level while any strategy is disabled by this rule.
    RiskLevel level() const noexcept override;
    void stop() noexcept override;
    /// The disabled strategies and every fill still in a window, with its time.
    std::vector<std::byte> snapshot() const override;
    /// Before or after start(); a restored fill leaves its window exactly when it would have.
    Status restore(std::span<const std::byte> state) override;

    /// Clears this rule's disabled flag for `strategy` and forgets its past fills
    /// (a fresh max_fills from now on). The host re-enables the strategy itself
    /// and tells the rule through on_strategy_enabled().
    void reset(std::uint32_t strategy) noexcept;
    bool disabled(std::uint32_t strategy) const noexcept { return disabled_.contains(strategy); }

private:
    void trip(std::uint32_t strategy) noexcept;

    std::size_t max_fills_;
    Duration window_;
    InstrumentScope scope_;
    RiskLevel breach_level_;
    RiskContext* ctx_ = nullptr;
    StrategyWindows fills_;  // one per strategy, capacity max_fills: counting stops at the trip point
    StrategySet disabled_;
    Timestamp latest_ = 0;  // host time of the last fill seen: snapshot()'s clock after stop()
    Counter* trips_ = nullptr;
};

}  // namespace trellis::risk
