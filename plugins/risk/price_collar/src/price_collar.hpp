#pragma once
// price_collar: refuses limit orders priced too far from a reference price
// (the mid or the last trade), in percent and/or ticks — the "price
// reasonability" check that stops a mistyped price from reaching the market.
// With no reference it fails closed. See README.md.

#include <cstdint>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema. 0 turns a band off; at least one must be on.
inline constexpr ParamSpec kPriceCollarParams[] = {
    {"reference", ParamType::String, "mid", "price the band is centred on: mid or last (trade)"},
    {"max_deviation_pct", ParamType::Float, "0",
     "widest distance from the reference, percent of it (1 = 1%); 0 = off. Up to 6 decimals", 0.0, 1e6},
    {"max_deviation_ticks", ParamType::Int, "0", "widest distance from the reference, ticks; 0 = off", 0.0, 1e12},
    {"reject_market_orders", ParamType::Bool, "false",
     "refuse market orders (they have no price to collar) instead of passing them"},
    kSymbolParam,
};

class PriceCollar final : public RiskRule {
public:
    /// Takes validated params; throws std::invalid_argument for an unknown
    /// reference, no band at all, or a percentage finer than 10^-6.
    explicit PriceCollar(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void stop() noexcept override { ctx_ = nullptr; }

private:
    enum class Reference : std::uint8_t { Mid, Last };

    Reference reference_;
    std::int64_t max_pct_micros_;  // max_deviation_pct × 10^6 (1% = 1'000'000); 0 = off
    std::int64_t max_ticks_;       // 0 = off
    bool reject_market_;
    InstrumentScope scope_;
    RiskContext* ctx_ = nullptr;
};

}  // namespace trellis::risk
