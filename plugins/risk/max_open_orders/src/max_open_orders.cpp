#include "max_open_orders.hpp"

#include "risk_rule_support/reason_text.hpp"

namespace trellis::risk {

MaxOpenOrders::MaxOpenOrders(const Params& params)
    : max_open_(read_positive_int(params, "max_open", "max_open_orders", "orders")),
      scope_(params.get_string("symbol")),
      // A symbol always means that instrument's orders only.
      per_instrument_(params.get_bool("per_instrument") || !scope_.every_instrument()),
      breach_level_(read_breach_level(params, "max_open_orders")) {}

Status MaxOpenOrders::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, "max_open_orders"); !scoped) return scoped;
    ctx_ = &ctx;
    return Status::ok();
}

std::size_t MaxOpenOrders::live_orders(InstrumentId instrument) const noexcept {
    return ctx_->open_orders(per_instrument_ ? instrument : kNoInstrument);
}

RiskDecision MaxOpenOrders::check(const OrderIntent& intent) noexcept {
    const InstrumentId instrument = intent.request.instrument;
    if (intent.action != OrderIntent::Action::New || !scope_.covers(instrument)) return RiskDecision::pass();
    const std::size_t live = live_orders(instrument);
    if (live + 1 <= std::size_t(max_open_)) return RiskDecision::pass();
    ReasonText why;
    why << live << " live orders";
    if (per_instrument_) why << " in " << ctx_->instrument(instrument)->name();
    return (why << ", max " << max_open_).reject();
}

RiskLevel MaxOpenOrders::level() const noexcept {
    if (!ctx_) return RiskLevel::Normal;
    bool above = false;
    if (per_instrument_)
        scope_.for_each([&](InstrumentId id) { above = above || live_orders(id) > std::size_t(max_open_); });
    else
        above = live_orders(kNoInstrument) > std::size_t(max_open_);
    return above ? breach_level_ : RiskLevel::Normal;
}

}  // namespace trellis::risk
