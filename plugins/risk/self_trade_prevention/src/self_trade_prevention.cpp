#include "self_trade_prevention.hpp"

#include "risk_rule_support/reason_text.hpp"

namespace trellis::risk {

SelfTradePrevention::SelfTradePrevention(const Params& params) : scope_(params.get_string("symbol")) {}

Status SelfTradePrevention::start(RiskContext& ctx) {
    if (Status s = scope_.start(ctx, "self_trade_prevention"); !s) return s;
    ctx_ = &ctx;
    return Status::ok();
}

void SelfTradePrevention::stop() noexcept { ctx_ = nullptr; }

RiskDecision SelfTradePrevention::check(const OrderIntent& intent) noexcept {
    if (!ctx_) return RiskDecision::reject("rule not started");  // fail closed
    const OrderRequest& order = intent.request;
    if (!scope_.covers(order.instrument)) return RiskDecision::pass();
    // A replaced order stays on its own side, so it never shows up opposite itself.
    const Side other = opposite(order.side);
    Price own;
    if (!ctx_->best_own_price(order.instrument, other, own)) return RiskDecision::pass();
    const bool market = order.type == OrderType::Market;
    const bool crosses = market || (order.side == Side::Buy ? order.price >= own : order.price <= own);
    if (!crosses) return RiskDecision::pass();

    const InstrumentSpec& spec = *ctx_->instrument(order.instrument);  // covered: in the host's table
    ReasonText why;
    if (market)
        why << "market " << order.side;
    else
        why << order.side << " " << in_units(order.price, spec);
    return (why << " would cross own " << other << " at " << in_units(own, spec)).reject();
}

}  // namespace trellis::risk
