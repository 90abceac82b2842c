#include "duplicate_order_guard.hpp"

#include <utility>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/rule_snapshot.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "duplicate_order_guard";
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'D', 'G'};
constexpr std::uint32_t kSnapshotVersion = 1;

}  // namespace

DuplicateOrderGuard::DuplicateOrderGuard(const Params& params)
    : window_(read_positive_millis(params, "window_ms", kName)),
      scope_(params.get_string("symbol")),
      recent_(std::size_t(read_positive_int(params, "capacity", kName, "orders"))) {}

Status DuplicateOrderGuard::start(RiskContext& ctx) {
    if (Status s = scope_.start(ctx, kName); !s) return s;
    forgotten_in_window_ = &ctx.counter("forgotten_in_window");
    ctx_ = &ctx;
    return Status::ok();
}

void DuplicateOrderGuard::stop() noexcept { ctx_ = nullptr; }

RiskDecision DuplicateOrderGuard::check(const OrderIntent& intent) noexcept {
    if (!ctx_) return RiskDecision::reject("rule not started");  // fail closed
    // A replace changes an order that exists; it does not add one, so it cannot duplicate.
    if (intent.action != OrderIntent::Action::New || !scope_.covers(intent.request.instrument))
        return RiskDecision::pass();
    const Timestamp now = ctx_->now();
    const Timestamp since = now - window_;  // within the window: accepted after `since`
    const OrderKey key = OrderKey::of(intent.strategy, intent.request);
    if (const RecentOrder* twin = recent_.find(key, since)) {
        const InstrumentSpec& spec = *ctx_->instrument(key.instrument);  // covered: in the host's table
        ReasonText why;
        why << "same ";
        if (key.type == OrderType::Market) why << "market ";
        why << key.side << " " << in_units(key.qty, spec);
        if (key.type == OrderType::Limit) why << " @ " << in_units(key.price, spec);
        // The age in µs, printed as ms with 3 decimals.
        return (why << " as order " << twin->id << " " << Decimal{(now - twin->ts) / 1000, 3} << " ms ago (window "
                    << Millis{window_} << ")")
            .reject();
    }
    if (recent_.remember(key, intent.id, now, since)) forgotten_in_window_->add();
    return RiskDecision::pass();
}

void DuplicateOrderGuard::on_order_update(const OrderUpdate& update) noexcept {
    if (update.status == OrderStatus::Rejected) recent_.forget(update.id);
}

std::vector<std::byte> DuplicateOrderGuard::snapshot() const {
    StateWriter w(kSnapshotMagic, kSnapshotVersion);
    recent_.write(w);
    return std::move(w).take();
}

Status DuplicateOrderGuard::restore(std::span<const std::byte> state) {
    StateReader r(state);
    const auto version = r.read_header(kSnapshotMagic, kSnapshotVersion, kName);
    if (!version) return header_error(kName, version.error());
    RecentOrders restored(recent_.capacity());
    const bool ok = restored.read(r);
    Status status = finish_restore(r, ok, kName);
    if (status) recent_ = std::move(restored);
    return status;
}

}  // namespace trellis::risk
