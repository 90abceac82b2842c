#include "price_collar.hpp"

#include <stdexcept>
#include <string>

#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/wide_int.hpp"

namespace trellis::risk {

namespace {

// Percentages are compared as integers in millionths of a percent: exact, and
// 10^-6 % is far finer than any collar.
constexpr int kPctDecimals = 6;
constexpr std::int64_t kPctScale = 100 * 1'000'000;  // 100 % in millionths

}  // namespace

PriceCollar::PriceCollar(const Params& params)
    : max_pct_micros_(read_fixed_point(params, "max_deviation_pct", kPctDecimals, "price_collar")),
      max_ticks_(params.get_int("max_deviation_ticks")),
      reject_market_(params.get_bool("reject_market_orders")),
      scope_(params.get_string("symbol")) {
    const std::string reference = params.get_string("reference");
    if (reference == "mid")
        reference_ = Reference::Mid;
    else if (reference == "last")
        reference_ = Reference::Last;
    else
        throw std::invalid_argument("price_collar: params.reference = '" + reference +
                                    "' is not known; use mid or last");
    if (max_ticks_ < 0) throw std::invalid_argument("price_collar: params.max_deviation_ticks must not be negative");
    if (max_pct_micros_ == 0 && max_ticks_ == 0)
        throw std::invalid_argument(
            "price_collar: no band is set; set params.max_deviation_pct (percent) and/or params.max_deviation_ticks");
}

Status PriceCollar::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, "price_collar"); !scoped) return scoped;
    ctx_ = &ctx;
    return Status::ok();
}

RiskDecision PriceCollar::check(const OrderIntent& intent) noexcept {
    const OrderRequest& r = intent.request;
    if (!scope_.covers(r.instrument)) return RiskDecision::pass();
    if (r.type == OrderType::Market)
        return reject_market_ ? RiskDecision::reject("market order has no price to collar") : RiskDecision::pass();

    // Everything in doubled raw price units, so a mid between two ticks stays an integer.
    const TopOfBook book = ctx_->top_of_book(r.instrument);
    std::int64_t reference2 = 0;
    if (reference_ == Reference::Mid) {
        if (!book.two_sided()) return RiskDecision::reject("no mid to collar against: book not two-sided");
        reference2 = book.bid.raw + book.ask.raw;
    } else {
        if (book.last_trade.raw <= 0) return RiskDecision::reject("no last trade to collar against");
        reference2 = 2 * book.last_trade.raw;
    }
    const std::int64_t signed_distance2 = 2 * r.price.raw - reference2;
    const std::int64_t distance2 = signed_distance2 < 0 ? -signed_distance2 : signed_distance2;

    const InstrumentSpec& spec = *ctx_->instrument(r.instrument);
    const Int128 tick_band2 = Int128(2) * max_ticks_ * spec.tick_size.raw;
    // distance / reference > pct / 100  ⇔  distance × 100 × 10^6 > reference × pct_micros.
    const Int128 pct_band_scaled2 = Int128(reference2) * max_pct_micros_;
    const bool beyond_ticks = max_ticks_ > 0 && distance2 > tick_band2;
    const bool beyond_pct = max_pct_micros_ > 0 && Int128(distance2) * kPctScale > pct_band_scaled2;
    if (!beyond_ticks && !beyond_pct) return RiskDecision::pass();

    // Name the band that binds: the tighter one when the price is beyond both.
    const bool pct_binds = beyond_pct && (!beyond_ticks || pct_band_scaled2 < tick_band2 * kPctScale);
    // Doubled raw × 5 at one more decimal = the exact value, halves included.
    ReasonText why;
    why << "price " << in_units(r.price, spec) << " is " << Decimal{distance2 * 5, spec.price_decimals + 1}
        << (reference_ == Reference::Mid ? " from mid " : " from last ")
        << Decimal{reference2 * 5, spec.price_decimals + 1} << " > max ";
    if (pct_binds)
        why << Decimal{max_pct_micros_, kPctDecimals} << "%";
    else
        why << max_ticks_ << " ticks";
    return why.reject();
}

}  // namespace trellis::risk
