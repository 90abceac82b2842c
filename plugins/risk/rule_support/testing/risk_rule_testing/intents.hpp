#pragma once
// For risk rule tests: the order intents and updates the host hands a rule,
// built the way the host builds them, so each test states only its numbers.
// Raw fixed-point values throughout; the strategy and order id default to 0
// and 1 because most tests have one strategy and one order.

#include <cstdint>
#include <string>

#include "trellis/order.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk::testing {

// A new GTC limit order of `qty` raw at `price` raw from `strategy`; `id` is the id the order will get.
inline OrderIntent new_limit(InstrumentId instrument, Side side, std::int64_t price, std::int64_t qty,
                             std::uint32_t strategy = 0, OrderId id = 1) {
    OrderIntent i;
    i.action = OrderIntent::Action::New;
    i.id = id;
    i.strategy = strategy;
    i.request.instrument = instrument;
    i.request.side = side;
    i.request.type = OrderType::Limit;
    i.request.price = Price{price};
    i.request.qty = Quantity{qty};
    return i;
}

// A new market order of `qty` raw (no price; immediate-or-cancel, as market orders are).
inline OrderIntent new_market(InstrumentId instrument, Side side, std::int64_t qty, std::uint32_t strategy = 0,
                              OrderId id = 1) {
    OrderIntent i = new_limit(instrument, side, 0, qty, strategy, id);
    i.request.type = OrderType::Market;
    i.request.tif = TimeInForce::ImmediateOrCancel;
    return i;
}

// A cancel-replace of order `id` to `price`/`qty` raw (the new total); `previous_open`
// is what was left to fill before it.
inline OrderIntent replace_limit(InstrumentId instrument, Side side, std::int64_t price, std::int64_t qty,
                                 std::int64_t previous_open, std::uint32_t strategy = 0, OrderId id = 1) {
    OrderIntent i = new_limit(instrument, side, price, qty, strategy, id);
    i.action = OrderIntent::Action::Replace;
    i.previous_open = Quantity{previous_open};
    return i;
}

// An update about order `id` without a fill, as the host delivers it (strategy set).
inline OrderUpdate update_of(OrderId id, OrderStatus status, InstrumentId instrument = 0, std::uint32_t strategy = 0,
                             Side side = Side::Buy) {
    OrderUpdate u;
    u.id = id;
    u.instrument = instrument;
    u.side = side;
    u.status = status;
    u.strategy = strategy;
    return u;
}

// The rejection reason as a string ("" when accepted), for EXPECT_EQ.
inline std::string reason(const RiskDecision& d) { return d.accept ? std::string() : std::string(d.reason.view()); }

}  // namespace trellis::risk::testing
