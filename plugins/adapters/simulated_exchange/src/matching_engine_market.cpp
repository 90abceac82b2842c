// Market data at exchange time: keeps the venue's view of each instrument,
// moves our queue positions and fills our resting orders.

#include <algorithm>

#include "matching_engine.hpp"

namespace trellis::simex {

void MatchingEngine::on_market_data(const MarketEvent& e) noexcept {
    if (!emit_.bound()) return;  // before start(): nowhere to report fills
    ++seq_;
    if (e.type == MarketEventType::Halt) return on_halt(e);
    if (e.instrument >= markets_.size()) return;
    InstrumentMarket& m = markets_[e.instrument];
    switch (e.type) {
        case MarketEventType::Quote:
            return on_quote(e, m);
        case MarketEventType::Trade:
            return on_trade(e, m);
        case MarketEventType::OrderAdd:
            return on_order_add(e, m);
        case MarketEventType::OrderReduce:
        case MarketEventType::OrderDelete:
            return on_order_cancel(e, m);
        case MarketEventType::BookLevel:
            return on_book_level(e, m);
        case MarketEventType::Halt:
            return;
    }
}

void MatchingEngine::on_quote(const MarketEvent& e, InstrumentMarket& m) noexcept {
    const NewLiquidity fresh = m.apply_quote(e.quote);
    if (m.levels_seen) {  // the quote is authoritative for the best levels: resync the level table
        levels_.set(e.instrument, Side::Buy, m.bid, m.bid_qty.raw);
        levels_.set(e.instrument, Side::Sell, m.ask, m.ask_qty.raw);
    }
    for (const Side side : {Side::Buy, Side::Sell})
        if (resting_.head(e.instrument, side) != RestingOrders::kNil) observe_best(e.instrument, side, m);
    // Without trades in the data, the opposite best reaching our price stands in for a trade at
    // our price, for the displayed size that newly appeared there. Never used once trades are seen.
    if (m.trades_seen || m.halted) return;
    if (fresh.ask > 0) sweep(e.instrument, Side::Buy, m.ask, fresh.ask, SweepKind::QuoteCross);
    if (fresh.bid > 0) sweep(e.instrument, Side::Sell, m.bid, fresh.bid, SweepKind::QuoteCross);
}

void MatchingEngine::observe_best(InstrumentId instrument, Side side, const InstrumentMarket& m) noexcept {
    const bool probabilistic = !exact_queue(m);
    const std::int64_t best_qty = m.best_qty(side);
    const Price best = m.best_price(side);
    for (std::uint32_t i = resting_.head(instrument, side); i != RestingOrders::kNil; i = resting_.next(i)) {
        RestingOrder& o = resting_.at(i);
        std::int64_t visible = 0;  // the market's best is worse than us: our level holds nobody else
        if (best_qty > 0 && !better(side, o.price(), best)) {
            if (o.price() != best) break;  // deeper than the best: invisible in L1 (and so is the rest)
            visible = best_qty;
        }
        o.queue.observe(visible, probabilistic, config_.queue_power);
    }
}

void MatchingEngine::on_trade(const MarketEvent& e, InstrumentMarket& m) noexcept {
    m.trades_seen = true;
    const Side resting_side = opposite(e.side);  // e.side is the aggressor
    const bool hidden = (e.flags & kFlagHiddenExecution) != 0;
    if (!hidden && m.levels_seen) levels_.add(e.instrument, resting_side, e.trade.price, -e.trade.qty.raw);
    if (e.trade.maker_order_id != 0) late_.reduce(e.instrument, e.trade.maker_order_id, e.trade.qty.raw);
    if (resting_.head(e.instrument, resting_side) == RestingOrders::kNil) return;
    if (!hidden) {  // the visible level at the trade price shrank by the traded size
        for (std::uint32_t i = resting_.head(e.instrument, resting_side); i != RestingOrders::kNil;
             i = resting_.next(i))
            if (resting_.at(i).price() == e.trade.price) resting_.at(i).queue.traded_since_seen += e.trade.qty.raw;
    }
    if (!m.halted) sweep(e.instrument, resting_side, e.trade.price, e.trade.qty.raw, SweepKind::Trade);
}

// Hands `qty` of aggressor volume to our resting orders on `resting_side` in
// price-time priority. Trade: orders priced better than the trade price were
// traded through (the market queue there is empty) and fill at their own
// price; orders at the trade price fill after the queue ahead of them.
// QuoteCross: every reached order counts as traded at its own price, queue
// ahead first. Within one price our `ahead` values are cumulative market
// quantity, so the budget only shrinks by our own fills; moving to a worse
// price also spends the market quantity consumed at the previous one.
void MatchingEngine::sweep(InstrumentId instrument, Side resting_side, Price price, std::int64_t qty,
                           SweepKind kind) noexcept {
    std::int64_t budget = qty;
    std::int64_t level_market = 0;  // market queue consumed at the current price
    Price level_price{-1};
    std::uint32_t next = RestingOrders::kNil;
    for (std::uint32_t i = resting_.head(instrument, resting_side); i != RestingOrders::kNil && budget > 0; i = next) {
        next = resting_.next(i);  // read before a fill may remove i
        RestingOrder& o = resting_.at(i);
        const bool reached = kind == SweepKind::Trade ? !better(resting_side, price, o.price())
                                                      : reaches(resting_side, o.price(), price);
        if (!reached) break;  // sorted best first: nobody further is reached either
        if (o.price() != level_price) {
            budget -= level_market;
            level_market = 0;
            level_price = o.price();
            if (budget <= 0) break;
        }
        std::int64_t used = 0;
        if (kind == SweepKind::Trade && o.price() != price) {
            o.queue.join_behind(0, o.queue.arrival_seq);  // traded through: our level is empty
        } else {
            if (!o.queue.known) continue;  // deeper than an L1 best we never saw: not reachable yet
            used = o.queue.consume_ahead(budget);
            level_market = std::max(level_market, used);
        }
        const std::int64_t fill = std::min(o.leaves(), budget - used);
        if (fill <= 0) continue;
        budget -= fill;
        fill_resting(i, o.price(), fill);
    }
}

void MatchingEngine::fill_resting(std::uint32_t index, Price price, std::int64_t qty) noexcept {
    RestingOrder& o = resting_.at(index);
    o.filled += qty;
    emit_.fill(o.order, o.filled, price, qty, Liquidity::Maker, config_.fees.maker.fee(price, Quantity{qty}));
    if (o.leaves() > 0) return;
    finish(o.order.id);
    resting_.remove(index);
}

void MatchingEngine::on_order_add(const MarketEvent& e, InstrumentMarket& m) noexcept {
    m.l3_seen = m.levels_seen = true;
    levels_.add(e.instrument, e.side, e.order.price, e.order.qty.raw);
    if (resting_.rests_at(e.instrument, e.side, e.order.price)) record_late_add(e);
}

void MatchingEngine::record_late_add(const MarketEvent& e) noexcept {
    const LateVenueOrder entry{seq_, e.order.qty.raw, e.order.price, e.side};
    if (late_.record(e.instrument, e.order.order_id, entry)) return;
    // Full: forget venue orders at prices where we no longer rest, then retry.
    late_.sweep([this](InstrumentId instrument, const LateVenueOrder& o) {
        return resting_.rests_at(instrument, o.side, o.price);
    });
    if (late_.record(e.instrument, e.order.order_id, entry) || warned_late_overflow_) return;
    warned_late_overflow_ = true;  // untracked venue orders count as ahead of us: fills come later, never earlier
    emit_.context().log(LogLevel::Warn,
                        "simulated_exchange: venue-order table full; raise max_tracked_venue_orders for an exact "
                        "queue (later joiners are now treated as ahead of our orders)");
}

void MatchingEngine::on_order_cancel(const MarketEvent& e, InstrumentMarket& m) noexcept {
    m.l3_seen = m.levels_seen = true;
    levels_.add(e.instrument, e.side, e.order.price, -e.order.qty.raw);
    if (exact_queue(m)) {
        for (std::uint32_t i = resting_.head(e.instrument, e.side); i != RestingOrders::kNil; i = resting_.next(i)) {
            RestingOrder& o = resting_.at(i);
            if (o.price() != e.order.price || !o.queue.known) continue;
            // A venue order that joined before us was in front of us: its cancelled size leaves our queue.
            if (!late_.added_after(e.instrument, e.order.order_id, o.queue.arrival_seq))
                o.queue.cancel_ahead(e.order.qty.raw);
        }
    }
    if (e.type == MarketEventType::OrderDelete)
        late_.forget(e.instrument, e.order.order_id);
    else
        late_.reduce(e.instrument, e.order.order_id, e.order.qty.raw);
}

void MatchingEngine::on_book_level(const MarketEvent& e, InstrumentMarket& m) noexcept {
    m.levels_seen = true;
    levels_.set(e.instrument, e.side, e.level.price, e.level.qty.raw);
    const bool probabilistic = !exact_queue(m);
    for (std::uint32_t i = resting_.head(e.instrument, e.side); i != RestingOrders::kNil; i = resting_.next(i)) {
        RestingOrder& o = resting_.at(i);
        if (o.price() == e.level.price) o.queue.observe(e.level.qty.raw, probabilistic, config_.queue_power);
    }
}

void MatchingEngine::on_halt(const MarketEvent& e) noexcept {
    bool halted = false;
    if (e.flags & kFlagHaltStart)
        halted = true;
    else if (!(e.flags & kFlagHaltEnd))
        return;  // e.g. LOBSTER's "quoting resumes": trading is still halted
    if (e.instrument == kNoInstrument) {
        for (auto& m : markets_) m.halted = halted;
    } else if (e.instrument < markets_.size()) {
        markets_[e.instrument].halted = halted;
    }
}

}  // namespace trellis::simex
