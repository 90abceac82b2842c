#pragma once
// For strategy tests: the market events and order updates a strategy receives,
// built the way the host delivers them, so each test states only its numbers.

#include <cstdint>

#include "trellis/events.hpp"
#include "trellis/order.hpp"

namespace trellis::fakes {

// A top-of-book quote stamped ts (exchange and receive time alike).
inline MarketEvent quote_event(Timestamp ts, std::int64_t bid, std::int64_t ask, std::int64_t bid_qty,
                               std::int64_t ask_qty, InstrumentId instrument = 0) {
    MarketEvent e;
    e.ts = ts;
    e.recv_ts = ts;
    e.instrument = instrument;
    e.type = MarketEventType::Quote;
    e.quote = {Price{bid}, Price{ask}, Quantity{bid_qty}, Quantity{ask_qty}};
    return e;
}

// An update without a fill for order `id` of `total` raw quantity on instrument 0.
inline OrderUpdate order_update(OrderId id, Side side, OrderStatus status, std::int64_t total) {
    OrderUpdate u;
    u.id = id;
    u.instrument = 0;
    u.side = side;
    u.status = status;
    u.qty = Quantity{total};
    return u;
}

// A fill of last_qty at price; `filled` is the cumulative quantity including it,
// so the status is Filled once filled == total and PartiallyFilled before.
inline OrderUpdate fill_update(OrderId id, Side side, std::int64_t price, std::int64_t last_qty, std::int64_t filled,
                               std::int64_t total) {
    OrderUpdate u = order_update(id, side, filled == total ? OrderStatus::Filled : OrderStatus::PartiallyFilled, total);
    u.price = Price{price};
    u.filled_qty = Quantity{filled};
    u.last_price = Price{price};
    u.last_qty = Quantity{last_qty};
    return u;
}

}  // namespace trellis::fakes
