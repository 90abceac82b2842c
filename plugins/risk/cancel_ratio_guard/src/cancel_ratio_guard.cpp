#include "cancel_ratio_guard.hpp"

#include <stdexcept>
#include <string>

#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/wide_int.hpp"
#include "risk_rule_support/window_snapshot.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "cancel_ratio_guard";
constexpr SnapshotMagic kSnapshotMagic{'C', 'R', 'G', 'D'};
// The ratio is compared as integers in millionths: exact, unlike a double division.
constexpr int kRatioDecimals = 6;
constexpr std::int64_t kRatioScale = 1'000'000;

std::size_t read_window_capacity(const Params& params, std::int64_t min_orders) {
    const std::int64_t capacity = read_positive_int(params, "window_capacity", kName, "events");
    if (capacity < min_orders)
        throw std::invalid_argument("cancel_ratio_guard: params.window_capacity (" + std::to_string(capacity) +
                                    ") is below params.min_orders (" + std::to_string(min_orders) +
                                    "), so the ratio could never be judged; raise window_capacity");
    return std::size_t(capacity);
}

}  // namespace

CancelRatioGuard::CancelRatioGuard(const Params& params)
    : max_ratio_micros_(read_fixed_point(params, "max_ratio", kRatioDecimals, kName)),
      min_orders_(read_positive_int(params, "min_orders", kName, "orders")),
      scope_(params.get_string("symbol")),
      breach_level_(read_breach_level(params, kName)),
      orders_(windows_from_params(params, read_window_capacity(params, min_orders_), kName)),
      cancels_(windows_from_params(params, read_window_capacity(params, min_orders_), kName)) {}

Status CancelRatioGuard::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, kName); !scoped) return scoped;
    orders_.start(ctx.strategy_count());
    cancels_.start(ctx.strategy_count());
    ctx_ = &ctx;
    return Status::ok();
}

bool CancelRatioGuard::over_limit(std::size_t orders, std::size_t cancels) const noexcept {
    // cancels / orders > max_ratio  ⇔  cancels × 10^6 > max_ratio_micros × orders (orders > 0).
    return orders >= std::size_t(min_orders_) &&
           Int128(cancels) * kRatioScale > Int128(max_ratio_micros_) * Int128(orders);
}

RiskDecision CancelRatioGuard::check(const OrderIntent& intent) noexcept {
    // Only new orders are stopped: a replace moves an order that exists, and
    // stopping it could leave a stale quote in the market.
    const OrderRequest& r = intent.request;
    if (intent.action != OrderIntent::Action::New || !scope_.covers(r.instrument)) return RiskDecision::pass();
    EventWindow* orders = orders_.find(intent.strategy);
    EventWindow* cancels = cancels_.find(intent.strategy);
    if (!orders || !cancels) return orders_.reject_unknown(intent.strategy);
    last_event_ = ctx_->now();
    const std::size_t order_count = orders->count(last_event_);
    const std::size_t cancel_count = cancels->count(last_event_);
    if (over_limit(order_count, cancel_count))
        return (ReasonText{} << cancel_count << " cancels / " << order_count << " orders > max "
                             << Decimal{max_ratio_micros_, kRatioDecimals})
            .reject();
    // Counted once this rule lets it through; an order it refuses never reaches the venue.
    orders->record(last_event_);
    if (r.type == OrderType::Market || r.tif == TimeInForce::ImmediateOrCancel) immediate_.remember(intent.id);
    return RiskDecision::pass();
}

void CancelRatioGuard::on_order_update(const OrderUpdate& update) noexcept {
    if (update.status != OrderStatus::Cancelled || !ctx_ || !scope_.covers(update.instrument)) return;
    if (immediate_.forget(update.id)) return;  // the unfilled rest of an IOC/market order
    EventWindow* cancels = cancels_.find(update.strategy);
    if (!cancels) return;  // that strategy's new orders are refused anyway
    // Host time, not venue time: both windows must run on one clock that never goes back.
    last_event_ = ctx_->now();
    cancels->record(last_event_);
}

RiskLevel CancelRatioGuard::level() const noexcept {
    if (!ctx_) return RiskLevel::Normal;
    const Timestamp t = ctx_->now();
    for (std::size_t i = 0; i < orders_.size(); ++i)
        if (over_limit(orders_.at(i).count(t), cancels_.at(i).count(t))) return breach_level_;
    return RiskLevel::Normal;
}

std::vector<std::byte> CancelRatioGuard::snapshot() const {
    return snapshot_windows(kSnapshotMagic, now(), {&orders_, &cancels_});
}

Status CancelRatioGuard::restore(std::span<const std::byte> state) {
    return restore_windows(state, kSnapshotMagic, kName, {&orders_, &cancels_});
}

}  // namespace trellis::risk
