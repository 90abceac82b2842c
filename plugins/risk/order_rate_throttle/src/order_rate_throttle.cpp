#include "order_rate_throttle.hpp"

#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/window_snapshot.hpp"

namespace trellis::risk {

namespace {
constexpr std::string_view kName = "order_rate_throttle";
constexpr SnapshotMagic kSnapshotMagic{'R', 'T', 'H', 'R'};
}  // namespace

OrderRateThrottle::OrderRateThrottle(const Params& params)
    : max_orders_(read_positive_int(params, "max_orders", kName, "intents")),
      window_ms_(params.get_int("window_ms")),
      scope_(params.get_string("symbol")),
      breach_level_(read_breach_level(params, kName)),
      // Capacity max_orders: the window never needs to count beyond the limit.
      windows_(windows_from_params(params, std::size_t(max_orders_), kName)) {}

Status OrderRateThrottle::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, kName); !scoped) return scoped;
    windows_.start(ctx.strategy_count());
    ctx_ = &ctx;
    return Status::ok();
}

RiskDecision OrderRateThrottle::check(const OrderIntent& intent) noexcept {
    if (!scope_.covers(intent.request.instrument)) return RiskDecision::pass();
    EventWindow* window = windows_.find(intent.strategy);
    if (!window) return windows_.reject_unknown(intent.strategy);
    last_check_ = ctx_->now();
    // Only accepted intents are recorded: a rejected one sends nothing to the venue.
    if (window->count(last_check_) >= std::size_t(max_orders_))
        return (ReasonText{} << "max " << max_orders_ << " orders per " << window_ms_ << " ms reached").reject();
    window->record(last_check_);
    return RiskDecision::pass();
}

RiskLevel OrderRateThrottle::level() const noexcept {
    if (!ctx_) return RiskLevel::Normal;
    const Timestamp t = ctx_->now();
    for (std::size_t i = 0; i < windows_.size(); ++i)
        if (windows_.at(i).count(t) >= std::size_t(max_orders_)) return breach_level_;
    return RiskLevel::Normal;
}

std::vector<std::byte> OrderRateThrottle::snapshot() const {
    return snapshot_windows(kSnapshotMagic, now(), {&windows_});
}

Status OrderRateThrottle::restore(std::span<const std::byte> state) {
    return restore_windows(state, kSnapshotMagic, kName, {&windows_});
}

}  // namespace trellis::risk
