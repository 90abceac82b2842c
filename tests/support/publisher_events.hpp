#pragma once
// For telemetry tests that drive a TelemetryPublisher directly: one instrument
// and the order, fill and account an engine would hand its observer for a
// buy of 100 AMZN at 100.25 filled as maker with a 0.20 rebate.

#include <cstring>

#include "kernel/order_manager.hpp"
#include "kernel/portfolio.hpp"
#include "trellis/order.hpp"

namespace trellis::fakes::publisher_events {

// AMZN, instrument 0, price_decimals 2 (100.25 = 10025 raw), whole shares.
inline InstrumentSpec amzn() {
    InstrumentSpec s;
    s.id = 0;
    std::memcpy(s.symbol.data(), "AMZN", 5);
    s.price_decimals = 2;
    return s;
}

// Order `id` of strategy 0, created at `ts`: buy 100 at 100.25.
inline host::OrderRecord order(OrderId id, Timestamp ts) {
    host::OrderRecord r;
    r.order.id = id;
    r.order.strategy = 0;
    r.order.created_ts = ts;
    r.order.request.instrument = 0;
    r.order.request.side = Side::Buy;
    r.price = Price{10025};
    r.qty = Quantity{100};
    return r;
}

// That order filled whole at `ts`, as maker, fee -0.20 (a rebate).
inline OrderUpdate fill(OrderId id, Timestamp ts) {
    OrderUpdate u;
    u.ts = ts;
    u.id = id;
    u.instrument = 0;
    u.side = Side::Buy;
    u.status = OrderStatus::Filled;
    u.liquidity = Liquidity::Maker;
    u.price = Price{10025};
    u.qty = Quantity{100};
    u.filled_qty = Quantity{100};
    u.last_price = Price{10025};
    u.last_qty = Quantity{100};
    u.last_fee = -20;
    return u;
}

// The instrument's account after that fill.
inline host::InstrumentAccount account_after_fill() {
    host::InstrumentAccount a;
    a.position = Quantity{100};
    a.cash = -1002500 + 20;
    return a;
}

}  // namespace trellis::fakes::publisher_events
