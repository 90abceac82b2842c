#pragma once
// Drives a SimulatedExchange through FakeContext: builds market events and
// orders, and reads back what the venue emitted.

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <utility>
#include <vector>

#include "fake_context.hpp"
#include "simulated_exchange.hpp"

namespace trellis::simex::testing {

inline constexpr InstrumentId kAmzn = 0;  // LOBSTER-like: price 4 decimals, tick 0.01 = 100 raw, lot 1 share
inline constexpr InstrumentId kBtc = 1;   // Binance-like: price 1 decimal, qty 3 decimals, tick 1, lot 1
inline constexpr InstrumentId kLots = 2;  // lot of 1000 raw, tick 5 raw

inline std::vector<InstrumentSpec> test_instruments() {
    return {fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1), fakes::make_instrument(kBtc, "BTCUSDT", 1, 3, 1, 1),
            fakes::make_instrument(kLots, "LOTS", 2, 3, 5, 1000)};
}

inline Params make_params(std::initializer_list<std::pair<const char*, ParamValue>> values) {
    Params p;
    for (const auto& [k, v] : values) p.set(k, v);
    return p;
}

class Harness {
public:
    explicit Harness(const Params& params = {}) : ctx(test_instruments()), venue(params) {
        const Status s = venue.start(ctx);
        if (!s) throw std::runtime_error(s.message);
    }

    fakes::FakeContext ctx;
    SimulatedExchange venue;
    OrderId next_id = 1;

    // --- market data ---
    void quote(InstrumentId i, std::int64_t bid, std::int64_t bid_qty, std::int64_t ask, std::int64_t ask_qty) {
        MarketEvent e = event(i, MarketEventType::Quote);
        e.quote = {Price{bid}, Price{ask}, Quantity{bid_qty}, Quantity{ask_qty}};
        venue.on_market_data(e);
    }
    void trade(InstrumentId i, Side aggressor, std::int64_t price, std::int64_t qty, std::uint64_t maker = 0,
               std::uint32_t flags = 0) {
        MarketEvent e = event(i, MarketEventType::Trade);
        e.side = aggressor;
        e.flags = flags;
        e.trade = {Price{price}, Quantity{qty}, maker};
        venue.on_market_data(e);
    }
    void l3(MarketEventType type, InstrumentId i, Side side, std::uint64_t id, std::int64_t price, std::int64_t qty) {
        MarketEvent e = event(i, type);
        e.side = side;
        e.order = {Price{price}, Quantity{qty}, id};
        venue.on_market_data(e);
    }
    void add(InstrumentId i, Side s, std::uint64_t id, std::int64_t px, std::int64_t q) {
        l3(MarketEventType::OrderAdd, i, s, id, px, q);
    }
    void reduce(InstrumentId i, Side s, std::uint64_t id, std::int64_t px, std::int64_t q) {
        l3(MarketEventType::OrderReduce, i, s, id, px, q);
    }
    void remove(InstrumentId i, Side s, std::uint64_t id, std::int64_t px, std::int64_t q) {
        l3(MarketEventType::OrderDelete, i, s, id, px, q);
    }
    void level(InstrumentId i, Side s, std::int64_t price, std::int64_t qty) {
        MarketEvent e = event(i, MarketEventType::BookLevel);
        e.side = s;
        e.level = {Price{price}, Quantity{qty}};
        venue.on_market_data(e);
    }
    void halt(InstrumentId i, std::uint32_t flag) {
        MarketEvent e = event(i, MarketEventType::Halt);
        e.flags = flag;
        venue.on_market_data(e);
    }

    // --- order entry ---
    OrderId submit(InstrumentId i, Side s, OrderType type, TimeInForce tif, std::int64_t price, std::int64_t qty) {
        Order o;
        o.id = next_id++;
        o.request.instrument = i;
        o.request.side = s;
        o.request.type = type;
        o.request.tif = tif;
        o.request.price = Price{price};
        o.request.qty = Quantity{qty};
        o.request.user_tag = 1000 + o.id;
        venue.submit(o);
        return o.id;
    }
    OrderId limit(InstrumentId i, Side s, std::int64_t price, std::int64_t qty,
                  TimeInForce tif = TimeInForce::GoodTillCancel) {
        return submit(i, s, OrderType::Limit, tif, price, qty);
    }
    OrderId market(InstrumentId i, Side s, std::int64_t qty) {
        return submit(i, s, OrderType::Market, TimeInForce::ImmediateOrCancel, 0, qty);
    }

    // --- inspection ---
    /// Updates emitted since the last call.
    std::vector<OrderUpdate> take_updates() {
        std::vector<OrderUpdate> out(ctx.emitted.begin() + std::ptrdiff_t(seen_), ctx.emitted.end());
        seen_ = ctx.emitted.size();
        return out;
    }
    std::int64_t ahead(OrderId id) const {
        const auto q = venue.engine().queue_position(id);
        return q ? q->ahead : -1;
    }
    bool queue_known(OrderId id) const {
        const auto q = venue.engine().queue_position(id);
        return q && q->known;
    }
    std::int64_t counter(const char* name) const { return ctx.counter_value(name); }

private:
    MarketEvent event(InstrumentId i, MarketEventType type) {
        MarketEvent e;
        e.ts = e.recv_ts = ++ctx.clock;  // exchange time moves forward with every event
        e.instrument = i;
        e.type = type;
        return e;
    }
    std::size_t seen_ = 0;
};

}  // namespace trellis::simex::testing
