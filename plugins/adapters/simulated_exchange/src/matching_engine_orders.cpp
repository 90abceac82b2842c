// Order entry: validation, taking displayed liquidity, joining the queue,
// cancel and cancel-replace.

#include <algorithm>

#include "matching_engine.hpp"

namespace trellis::simex {

bool MatchingEngine::validate_price_qty(const InstrumentSpec& spec, Price price, bool check_price, Quantity qty,
                                        RejectReason& reason, ReasonText& why) const noexcept {
    if (qty.raw <= 0 || qty.raw % spec.lot_size.raw != 0) {
        reason = RejectReason::InvalidQuantity;
        why = ReasonText{};
        why << "qty " << qty.raw << " raw must be > 0 and a multiple of lot " << spec.lot_size.raw;
        return false;
    }
    if (check_price && (price.raw <= 0 || price.raw % spec.tick_size.raw != 0)) {
        reason = RejectReason::InvalidPrice;
        why = ReasonText{};
        why << "price " << price.raw << " raw must be > 0 and a multiple of tick " << spec.tick_size.raw;
        return false;
    }
    return true;
}

bool MatchingEngine::would_self_match(InstrumentId instrument, Side side, bool is_market, Price price) const noexcept {
    // Our opposite orders are sorted best first: only the head can be reached first.
    const std::uint32_t head = resting_.head(instrument, opposite(side));
    if (head == RestingOrders::kNil) return false;
    return is_market || reaches(side, price, resting_.at(head).price());
}

bool MatchingEngine::marketable(const InstrumentMarket& m, Side side, Price price) const noexcept {
    const Side other = opposite(side);
    return m.best_qty(other) > 0 && reaches(side, price, m.best_price(other));
}

std::int64_t MatchingEngine::take_liquidity(const Order& order, std::int64_t filled) noexcept {
    // L1 is all we know: take at the opposite best, up to its displayed size
    // (less what our earlier orders already took from it).
    InstrumentMarket& m = markets_[order.request.instrument];
    const Side side = order.request.side;
    const std::int64_t qty = std::min(m.takeable(side), order.request.qty.raw - filled);
    if (qty <= 0) return filled;
    const Price price = m.best_price(opposite(side));
    m.take(side, qty);
    filled += qty;
    emit_.fill(order, filled, price, qty, Liquidity::Taker, config_.fees.taker.fee(price, Quantity{qty}));
    return filled;
}

void MatchingEngine::join_queue(RestingOrder& o) noexcept {
    const InstrumentId instrument = o.order.request.instrument;
    const InstrumentMarket& m = markets_[instrument];
    const Side side = o.side();
    const std::int64_t best_qty = m.best_qty(side);
    if (best_qty <= 0 || better(side, o.price(), m.best_price(side))) {
        o.queue.join_behind(0, seq_);  // we set a new best: nobody is in front
    } else if (o.price() == m.best_price(side)) {
        o.queue.join_behind(best_qty, seq_);
    } else if (m.levels_seen) {
        o.queue.join_behind(levels_.at(instrument, side, o.price()), seq_);
    } else {
        o.queue.join_unseen(seq_);  // L1 only: sized when the best reaches our price
    }
}

void MatchingEngine::submit(const Order& order) noexcept {
    if (!emit_.bound()) return;
    emit_.order_received();
    const OrderRequest& r = order.request;
    const InstrumentSpec* spec = emit_.context().instrument(r.instrument);
    if (!spec || r.instrument >= markets_.size()) {
        emit_.rejected(order, RejectReason::UnknownInstrument,
                       ReasonText{} << "instrument id " << std::int64_t{r.instrument} << " is not in the table");
        return finish(order.id);
    }
    InstrumentMarket& m = markets_[r.instrument];
    if (m.halted) {
        emit_.rejected(order, RejectReason::VenueHalted, "trading in this instrument is halted");
        return finish(order.id);
    }
    const bool is_market = r.type == OrderType::Market;
    RejectReason reason = RejectReason::None;
    ReasonText why;
    if (!validate_price_qty(*spec, r.price, !is_market, r.qty, reason, why)) {
        emit_.rejected(order, reason, why);
        return finish(order.id);
    }
    if (resting_.find(order.id) != RestingOrders::kNil) {
        emit_.rejected(order, RejectReason::AdapterError, "an order with this id is already live");
        return;  // the live order keeps its id; do not mark it finished
    }
    if (would_self_match(r.instrument, r.side, is_market, r.price)) {
        emit_.self_match_prevented();
        emit_.rejected(order, RejectReason::SelfMatch, "would trade against own resting order (cancel newest)");
        return finish(order.id);
    }
    const bool takes = is_market || marketable(m, r.side, r.price);
    if (r.tif == TimeInForce::PostOnly && takes) {
        emit_.rejected(order, RejectReason::PostOnlyWouldTake, "post-only order would take liquidity");
        return finish(order.id);
    }
    if (is_market && m.takeable(r.side) <= 0) {
        emit_.rejected(order, RejectReason::NoLiquidity, "market order met an empty opposite side");
        return finish(order.id);
    }
    const bool may_rest = !is_market && r.tif != TimeInForce::ImmediateOrCancel;
    if (may_rest && resting_.full()) {
        emit_.rejected(order, RejectReason::TooManyOpenOrders,
                       ReasonText{} << "venue holds max_open_orders=" << std::int64_t(resting_.capacity()));
        return finish(order.id);
    }

    emit_.accepted(order);
    const std::int64_t filled = takes ? take_liquidity(order, 0) : 0;
    if (filled == r.qty.raw) return finish(order.id);
    if (!may_rest) {
        emit_.cancelled(order, filled, is_market ? "market order remainder cancelled" : "IOC remainder cancelled");
        return finish(order.id);
    }
    RestingOrder o;
    o.order = order;
    o.filled = filled;
    join_queue(o);
    resting_.add(o);
}

void MatchingEngine::refuse_unknown_or_finished(OrderId id) noexcept {
    if (terminal_.contains(id))
        emit_.cancel_rejected(id, nullptr, 0, RejectReason::TooLateToCancel, "order is already filled or cancelled");
    else
        emit_.cancel_rejected(id, nullptr, 0, RejectReason::UnknownOrder, "no live order with this id at the venue");
}

void MatchingEngine::cancel(OrderId id) noexcept {
    if (!emit_.bound()) return;
    const std::uint32_t index = resting_.find(id);
    if (index == RestingOrders::kNil) return refuse_unknown_or_finished(id);
    const RestingOrder& o = resting_.at(index);
    emit_.cancelled(o.order, o.filled, "cancelled by request");
    resting_.remove(index);
    finish(id);
}

void MatchingEngine::replace(OrderId id, Price price, Quantity qty) noexcept {
    if (!emit_.bound()) return;
    const std::uint32_t index = resting_.find(id);
    if (index == RestingOrders::kNil) return refuse_unknown_or_finished(id);
    RestingOrder& o = resting_.at(index);
    const OrderRequest& r = o.order.request;
    InstrumentMarket& m = markets_[r.instrument];
    const auto refuse = [&](RejectReason reason, const ReasonText& why) {
        emit_.cancel_rejected(id, &o.order, o.filled, reason, why);
    };
    if (m.halted) return refuse(RejectReason::VenueHalted, "trading in this instrument is halted");
    RejectReason reason = RejectReason::None;
    ReasonText why;
    if (!validate_price_qty(*emit_.context().instrument(r.instrument), price, true, qty, reason, why))
        return refuse(reason, why);
    if (qty.raw <= o.filled)
        return refuse(RejectReason::InvalidQuantity,
                      ReasonText{} << "new qty " << qty.raw << " must exceed the filled qty " << o.filled);
    const bool price_changed = price != r.price;
    if (price_changed && would_self_match(r.instrument, r.side, false, price)) {
        emit_.self_match_prevented();
        return refuse(RejectReason::SelfMatch, "new price would trade against own resting order");
    }
    const bool takes = marketable(m, r.side, price);
    if (r.tif == TimeInForce::PostOnly && takes)
        return refuse(RejectReason::PostOnlyWouldTake, "post-only order would take liquidity at the new price");

    const bool loses_priority = price_changed || qty.raw > r.qty.raw;
    o.order.request.price = price;
    o.order.request.qty = qty;
    emit_.replaced(o.order, o.filled);
    if (!loses_priority) return;  // a pure size decrease keeps our place
    if (takes) {
        o.filled = take_liquidity(o.order, o.filled);
        if (o.filled == qty.raw) {
            resting_.remove(index);
            return finish(id);
        }
    }
    join_queue(o);
    resting_.requeue(index);
}

}  // namespace trellis::simex
