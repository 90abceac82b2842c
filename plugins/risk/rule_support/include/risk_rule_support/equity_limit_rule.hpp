#pragma once
// The skeleton every equity-based limit (session loss, drawdown) shares. It
// re-measures on every intent, market event and order update, so level()
// shows a breach before the next order arrives; latches the breach (the
// reason keeps what tripped it while equity wobbles); reports breach_level
// while latched; and then lets only orders through that can at most flatten
// their instrument's position. Its state is the latch. A rule adds only its
// measure and the words for its breach.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "risk_rule_support/breach_latch.hpp"
#include "risk_rule_support/reason_text.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::risk {

class EquityLimitRule : public RiskRule {
public:
    /// Keeps the context and measures at once (a restored breach stays latched).
    Status start(RiskContext& ctx) override;
    /// Fails closed before start(); while breached, passes reduce-only orders only.
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// Fills move equity: re-measure so level() is current before the next order.
    void on_order_update(const OrderUpdate& update) noexcept override;
    /// Marks move equity: re-measure so level() is current before the next order.
    void on_market_data(const MarketEvent& event) noexcept override;
    /// Normal, or breach_level while latched.
    RiskLevel level() const noexcept override;
    void stop() noexcept override;
    /// The latch under the rule's magic; restore() keeps a breach across a hot swap.
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

    bool breached() const noexcept { return latch_.active(); }

protected:
    /// `name` (a literal: kept as a view) names the rule in restore errors.
    EquityLimitRule(std::string_view name, SnapshotMagic magic, RiskLevel breach_level) noexcept
        : name_(name), magic_(magic), breach_level_(breach_level) {}

    /// Measures equity now and trips `latch` when the limit is reached (or, if
    /// the rule allows it, clears a breach that is over).
    virtual void measure(const RiskContext& ctx, BreachLatch& latch) const noexcept = 0;
    /// Writes what breached, e.g. "session loss 1000 >= max_loss 1000".
    virtual void describe(const BreachLatch& latch, ReasonText& why) const noexcept = 0;

    const BreachLatch& latch() const noexcept { return latch_; }

private:
    void remeasure() noexcept {
        if (ctx_) measure(*ctx_, latch_);
    }

    std::string_view name_;
    SnapshotMagic magic_;
    RiskLevel breach_level_;
    RiskContext* ctx_ = nullptr;
    BreachLatch latch_;
};

}  // namespace trellis::risk
