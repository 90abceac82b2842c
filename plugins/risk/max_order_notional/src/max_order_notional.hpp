#pragma once
// max_order_notional: refuses any single order (or cancel-replace) worth more
// than a limit in quote currency — the value counterpart of max_order_qty.
// Market orders have no price, so they are valued at the price they would
// take: the opposite best. See README.md.

#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema. The limit is in quote currency (USD for AMZN, USD/USDT for BTC).
inline constexpr ParamSpec kMaxOrderNotionalParams[] = {
    {"max_notional", ParamType::Float, nullptr,
     "largest order value price × qty allowed, quote currency; an order worth exactly max_notional passes", 0.0},
    kSymbolParam,
};

class MaxOrderNotional final : public RiskRule {
public:
    /// Takes validated params.
    explicit MaxOrderNotional(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }

private:
    double max_notional_units_;
    InstrumentScope scope_;
    // Set in start().
    RiskContext* ctx_ = nullptr;
    std::vector<Money> max_notional_;  // per InstrumentId, Money units of that instrument
};

}  // namespace trellis::risk
