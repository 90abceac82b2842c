#include "risk_rule_support/reduce_only.hpp"

namespace trellis::risk {

ReduceOnlyView reduce_only_view(const RiskContext& ctx, const OrderIntent& intent) noexcept {
    const OrderRequest& order = intent.request;
    ReduceOnlyView v;
    v.position = ctx.position(order.instrument).qty;
    v.resting = ctx.open_quantity(order.instrument, order.side);
    if (intent.action == OrderIntent::Action::Replace) v.resting -= intent.previous_open;
    if (v.resting.raw < 0) v.resting = Quantity{};  // the host's books disagree for an instant: count nothing
    v.opposite = order.side == Side::Sell ? v.position.raw > 0 : v.position.raw < 0;
    const std::int64_t room = order.side == Side::Sell ? v.position.raw : -v.position.raw;
    v.reduces = v.opposite && v.resting.raw + order.qty.raw <= room;
    return v;
}

RiskDecision reduce_only(const RiskContext& ctx, const OrderIntent& intent, ReasonText why) noexcept {
    const ReduceOnlyView v = reduce_only_view(ctx, intent);
    if (v.reduces) return RiskDecision::pass();
    // The host refuses orders in unknown instruments before any rule; 0 decimals keeps this total anyway.
    const InstrumentSpec* spec = ctx.instrument(intent.request.instrument);
    const int decimals = spec ? spec->qty_decimals : 0;
    const auto units = [decimals](Quantity q) { return Decimal{q.raw, decimals}; };
    why << "; reduce-only: " << intent.request.side << " " << units(intent.request.qty);
    if (!v.opposite) return (why << " would not reduce position " << units(v.position)).reject();
    if (v.resting.raw > 0) why << " + " << units(v.resting) << " resting";
    return (why << " > position " << units(v.position)).reject();
}

}  // namespace trellis::risk
