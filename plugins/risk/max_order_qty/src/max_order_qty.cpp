#include "max_order_qty.hpp"

#include "risk_rule_support/instrument_limits.hpp"
#include "risk_rule_support/reason_text.hpp"

namespace trellis::risk {

MaxOrderQty::MaxOrderQty(const Params& params)
    : max_qty_units_(params.get_float("max_qty")), scope_(params.get_string("symbol")) {}

Status MaxOrderQty::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, "max_order_qty"); !scoped) return scoped;
    auto limits = quantity_limits(ctx, scope_, max_qty_units_, "params.max_qty");
    if (!limits) return Status::error(StatusCode::InvalidArgument, "max_order_qty: " + limits.error());
    max_qty_ = std::move(*limits);
    ctx_ = &ctx;
    return Status::ok();
}

RiskDecision MaxOrderQty::check(const OrderIntent& intent) noexcept {
    const OrderRequest& r = intent.request;
    if (!scope_.covers(r.instrument) || r.qty <= max_qty_[r.instrument]) return RiskDecision::pass();
    // A replace is judged on the order's new total quantity, like a new order.
    const InstrumentSpec& spec = *ctx_->instrument(r.instrument);
    return (ReasonText{} << "qty " << in_units(r.qty, spec) << " > max " << in_units(max_qty_[r.instrument], spec))
        .reject();
}

}  // namespace trellis::risk
