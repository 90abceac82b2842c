#pragma once
// max_order_qty: refuses any single order (or cancel-replace) whose total
// quantity is above a limit — the "fat finger" size control. See README.md.

#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema. Quantities in instrument units (shares, BTC).
inline constexpr ParamSpec kMaxOrderQtyParams[] = {
    {"max_qty", ParamType::Float, nullptr,
     "largest order quantity allowed, instrument units (shares, BTC); an order of exactly max_qty passes", 0.0},
    kSymbolParam,
};

class MaxOrderQty final : public RiskRule {
public:
    /// Takes validated params; throws std::invalid_argument for unusable ones.
    explicit MaxOrderQty(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }

private:
    double max_qty_units_;
    InstrumentScope scope_;
    // Set in start().
    RiskContext* ctx_ = nullptr;
    std::vector<Quantity> max_qty_;  // per InstrumentId, raw
};

}  // namespace trellis::risk
