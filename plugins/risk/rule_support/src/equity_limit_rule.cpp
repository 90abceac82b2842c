#include "risk_rule_support/equity_limit_rule.hpp"

#include "risk_rule_support/reduce_only.hpp"

namespace trellis::risk {

Status EquityLimitRule::start(RiskContext& ctx) {
    ctx_ = &ctx;
    remeasure();
    return Status::ok();
}

void EquityLimitRule::stop() noexcept { ctx_ = nullptr; }

RiskDecision EquityLimitRule::check(const OrderIntent& intent) noexcept {
    if (!ctx_) return RiskDecision::reject("rule not started");  // fail closed
    remeasure();
    if (!latch_.active()) return RiskDecision::pass();
    ReasonText why;
    describe(latch_, why);
    return reduce_only(*ctx_, intent, why);
}

void EquityLimitRule::on_order_update(const OrderUpdate& /*update*/) noexcept { remeasure(); }
void EquityLimitRule::on_market_data(const MarketEvent& /*event*/) noexcept { remeasure(); }

RiskLevel EquityLimitRule::level() const noexcept { return latch_.active() ? breach_level_ : RiskLevel::Normal; }

std::vector<std::byte> EquityLimitRule::snapshot() const { return snapshot_latch(latch_, magic_); }

Status EquityLimitRule::restore(std::span<const std::byte> state) {
    return restore_latch(latch_, state, magic_, name_);
}

}  // namespace trellis::risk
