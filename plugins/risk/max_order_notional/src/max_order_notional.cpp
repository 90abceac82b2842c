#include "max_order_notional.hpp"

#include <limits>

#include "risk_rule_support/instrument_limits.hpp"
#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/wide_int.hpp"

namespace trellis::risk {

MaxOrderNotional::MaxOrderNotional(const Params& params)
    : max_notional_units_(params.get_float("max_notional")), scope_(params.get_string("symbol")) {}

Status MaxOrderNotional::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, "max_order_notional"); !scoped) return scoped;
    auto limits = convert_per_instrument<Money>(ctx, scope_, [&](const InstrumentSpec& spec) {
        return money_from_units(max_notional_units_, spec, "params.max_notional");
    });
    if (!limits) return Status::error(StatusCode::InvalidArgument, "max_order_notional: " + limits.error());
    max_notional_ = std::move(*limits);
    ctx_ = &ctx;
    return Status::ok();
}

RiskDecision MaxOrderNotional::check(const OrderIntent& intent) noexcept {
    const OrderRequest& r = intent.request;
    if (!scope_.covers(r.instrument)) return RiskDecision::pass();
    const InstrumentSpec& spec = *ctx_->instrument(r.instrument);
    const bool market = r.type == OrderType::Market;
    Price price = r.price;
    if (market) {
        // A market order pays whatever the opposite side offers; its best is the
        // first price it takes. Without one there is nothing to value it at.
        const TopOfBook book = ctx_->top_of_book(r.instrument);
        const bool buy = r.side == Side::Buy;
        const bool known = buy ? book.ask_qty.raw > 0 && book.ask.raw > 0 : book.bid_qty.raw > 0 && book.bid.raw > 0;
        if (!known)
            return (ReasonText{} << "market " << to_string(r.side) << ": no " << (buy ? "ask" : "bid")
                                 << " price to value it")
                .reject();
        price = buy ? book.ask : book.bid;
    }
    const Money max = max_notional_[r.instrument];
    // Exact in 128 bits: price × qty can pass int64 on fine-grained instruments.
    const Int128 value = Int128(price.raw) * r.qty.raw;
    if (value <= max) return RiskDecision::pass();

    const int money_decimals = spec.price_decimals + spec.qty_decimals;
    const std::string_view quoted = !market ? "" : r.side == Side::Buy ? "ask " : "bid ";
    ReasonText why;
    if (value > std::numeric_limits<std::int64_t>::max()) {  // too large to print as one number
        why << "notional of " << in_units(r.qty, spec) << " at " << quoted << in_units(price, spec);
    } else {
        why << "notional " << Decimal{std::int64_t(value), money_decimals};
        if (market) why << " at " << quoted << in_units(price, spec);
    }
    return (why << " > max " << Decimal{max, money_decimals}).reject();
}

}  // namespace trellis::risk
