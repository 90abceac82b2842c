#include "position_limit.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "risk_rule_support/instrument_limits.hpp"
#include "risk_rule_support/reason_text.hpp"
#include "trellis/units.hpp"

namespace trellis::risk {

namespace {

constexpr double kNotSet = -1.0;

// One side's limit in instrument units: its own key, else max_position.
PositionLimit::SideLimit side_limit(const Params& params, const char* key, const char* side) {
    const double max_position = params.get_float("max_position");
    const double own = params.get_float(key);
    for (const auto& [name, value] : {std::pair{"max_position", max_position}, std::pair{key, own}})
        if (value != kNotSet && value < 0)
            throw std::invalid_argument(std::string("position_limit: params.") + name + " = " + format_number(value) +
                                        " is negative; give a size in instrument units, or -1 for not set");
    if (own == kNotSet && max_position == kNotSet)
        throw std::invalid_argument(std::string("position_limit: no ") + side +
                                    " limit; set params.max_position (both " + "sides) or params." + key +
                                    ", in instrument units");
    // The key is kept for start()'s messages: they name what the user wrote.
    return own != kNotSet ? PositionLimit::SideLimit{own, key} : PositionLimit::SideLimit{max_position, "max_position"};
}

}  // namespace

PositionLimit::PositionLimit(const Params& params)
    : long_limit_(side_limit(params, "max_long", "long")),
      short_limit_(side_limit(params, "max_short", "short")),
      scope_(params.get_string("symbol")),
      breach_level_(read_breach_level(params, "position_limit")) {}

Status PositionLimit::start(RiskContext& ctx) {
    if (Status scoped = scope_.start(ctx, "position_limit"); !scoped) return scoped;
    auto longs = quantity_limits(ctx, scope_, long_limit_.units, std::string("params.") + long_limit_.key);
    if (!longs) return Status::error(StatusCode::InvalidArgument, "position_limit: " + longs.error());
    auto shorts = quantity_limits(ctx, scope_, short_limit_.units, std::string("params.") + short_limit_.key);
    if (!shorts) return Status::error(StatusCode::InvalidArgument, "position_limit: " + shorts.error());
    max_long_ = std::move(*longs);
    max_short_ = std::move(*shorts);
    ctx_ = &ctx;
    return Status::ok();
}

RiskDecision PositionLimit::check(const OrderIntent& intent) noexcept {
    const OrderRequest& r = intent.request;
    if (!scope_.covers(r.instrument)) return RiskDecision::pass();
    const Quantity position = ctx_->position(r.instrument).qty;
    // Every live order on this side, in flight or resting, may still fill in full.
    Quantity open = ctx_->open_quantity(r.instrument, r.side);
    // A replaced order is in `open` with what it had left; afterwards it counts with
    // its new total instead. (The intent does not say how much of it had filled, so
    // a partly filled order is counted at its full new size: an overestimate.)
    if (intent.action == OrderIntent::Action::Replace) open -= intent.previous_open;
    const bool buy = r.side == Side::Buy;
    // Long exposure grows with buys, short exposure with sells; a position on the
    // other side offsets it, so reducing orders always pass.
    const Quantity worst = buy ? position + open + r.qty : open + r.qty - position;
    const Quantity limit = buy ? max_long_[r.instrument] : max_short_[r.instrument];
    if (worst <= limit) return RiskDecision::pass();
    const InstrumentSpec& spec = *ctx_->instrument(r.instrument);
    return (ReasonText{} << (buy ? "long " : "short ") << in_units(worst, spec) << " > max " << in_units(limit, spec)
                         << ": pos " << in_units(position, spec) << ", open " << in_units(open, spec) << ", order "
                         << in_units(r.qty, spec))
        .reject();
}

RiskLevel PositionLimit::level() const noexcept {
    if (!ctx_) return RiskLevel::Normal;
    bool beyond = false;
    scope_.for_each([&](InstrumentId id) {
        const Quantity position = ctx_->position(id).qty;
        beyond = beyond || position > max_long_[id] || Quantity{-position.raw} > max_short_[id];
    });
    return beyond ? breach_level_ : RiskLevel::Normal;
}

}  // namespace trellis::risk
