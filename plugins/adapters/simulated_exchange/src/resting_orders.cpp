#include "resting_orders.hpp"

#include "instrument_market.hpp"

namespace trellis::simex {

RestingOrders::RestingOrders(std::size_t capacity) : slots_(capacity), index_(capacity) {
    free_.reserve(capacity);
    reset(0);
}

void RestingOrders::reset(std::size_t instrument_count) {
    heads_.assign(instrument_count * 2, kNil);
    free_.clear();
    // Hand out low indexes first: deterministic and cache-friendly.
    for (std::size_t i = slots_.size(); i > 0; --i) free_.push_back(static_cast<std::uint32_t>(i - 1));
    index_.clear();
}

std::uint32_t RestingOrders::add(const RestingOrder& order) noexcept {
    const std::uint32_t index = free_.back();
    free_.pop_back();
    slots_[index] = order;
    index_.find_or_insert(order.order.id, index);  // cannot fail: the index holds as many entries as the pool
    link_sorted(index);
    return index;
}

void RestingOrders::remove(std::uint32_t index) noexcept {
    unlink(index);
    index_.erase(slots_[index].order.id);
    free_.push_back(index);
}

void RestingOrders::requeue(std::uint32_t index) noexcept {
    unlink(index);
    link_sorted(index);
}

std::uint32_t RestingOrders::find(OrderId id) const noexcept {
    const std::uint32_t* index = index_.find(id);
    return index ? *index : kNil;
}

bool RestingOrders::rests_at(InstrumentId instrument, Side side, Price price) const noexcept {
    for (std::uint32_t i = head(instrument, side); i != kNil; i = slots_[i].next) {
        if (slots_[i].price() == price) return true;
        if (better(side, price, slots_[i].price())) return false;  // sorted: the rest is worse
    }
    return false;
}

void RestingOrders::link_sorted(std::uint32_t index) noexcept {
    RestingOrder& o = slots_[index];
    std::uint32_t& head = heads_[list(o.order.request.instrument, o.side())];
    // Walk past every order whose price is the same or better: we join behind them.
    std::uint32_t prev = kNil;
    std::uint32_t cur = head;
    while (cur != kNil && !better(o.side(), o.price(), slots_[cur].price())) {
        prev = cur;
        cur = slots_[cur].next;
    }
    o.prev = prev;
    o.next = cur;
    if (cur != kNil) slots_[cur].prev = index;
    if (prev != kNil)
        slots_[prev].next = index;
    else
        head = index;
}

void RestingOrders::unlink(std::uint32_t index) noexcept {
    RestingOrder& o = slots_[index];
    if (o.prev != kNil)
        slots_[o.prev].next = o.next;
    else
        heads_[list(o.order.request.instrument, o.side())] = o.next;
    if (o.next != kNil) slots_[o.next].prev = o.prev;
    o.prev = o.next = kNil;
}

}  // namespace trellis::simex
