#pragma once
// max_open_orders: caps the host's live orders (resting or still in flight) —
// in all instruments together, in each instrument, or in one symbol — so a
// runaway strategy cannot litter the book. Replaces do not add an order and
// always pass. See README.md.

#include <cstdint>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema.
inline constexpr ParamSpec kMaxOpenOrdersParams[] = {
    {"max_open", ParamType::Int, nullptr,
     "most live orders (in flight included); a new order that makes exactly max_open passes", 1.0, 1e9},
    {"per_instrument", ParamType::Bool, "false",
     "with no symbol: true counts each instrument's orders against max_open, false all instruments together"},
    kSymbolParam,
    breach_level_param("elevated"),
};

class MaxOpenOrders final : public RiskRule {
public:
    /// Takes validated params; throws std::invalid_argument for unusable ones.
    explicit MaxOpenOrders(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// breach_level while live orders are above (not at) max_open, which no
    /// order this rule passed can cause: a hot swap lowered the limit, or
    /// orders came from elsewhere.
    RiskLevel level() const noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }

private:
    // The host's count of live orders that the limit applies to for an order in `instrument`.
    std::size_t live_orders(InstrumentId instrument) const noexcept;

    std::int64_t max_open_;
    InstrumentScope scope_;
    bool per_instrument_;  // count one instrument's orders (per_instrument, or a symbol is set)
    RiskLevel breach_level_;
    RiskContext* ctx_ = nullptr;
};

}  // namespace trellis::risk
