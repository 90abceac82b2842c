#pragma once
// Self-trade prevention (wash trades are market abuse under MAR art. 12; the
// FIA guide's self-match prevention): refuses an order that would trade
// against one of the host's own live orders on the other side — a buy at P
// crosses an own sell at P or below, a sell at P an own buy at P or above, a
// market order any own order opposite. The venue may prevent self-matches too; this rule stops
// the order before it leaves the host. See README.md.

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kSelfTradePreventionParams[] = {
    kSymbolParam,
};

class SelfTradePrevention final : public RiskRule {
public:
    explicit SelfTradePrevention(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void stop() noexcept override;
    // Stateless between orders: nothing to snapshot, and its level is always Normal
    // (each crossing order is refused on its own; none puts the host in breach).

private:
    InstrumentScope scope_;
    RiskContext* ctx_ = nullptr;
};

}  // namespace trellis::risk
