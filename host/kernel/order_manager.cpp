#include "kernel/order_manager.hpp"

namespace trellis::host {

namespace {
std::size_t round_up_pow2(std::size_t n) {
    std::size_t p = 1;
    while (p < n) p <<= 1;
    return p;
}
}  // namespace

OrderManager::OrderManager(std::size_t capacity, std::size_t instruments)
    : slots_(round_up_pow2(capacity)), live_(instruments * 2) {
    open_by_strategy_.reserve(64);
}

OrderManager::LiveList* OrderManager::list_of(const OrderRecord& r) noexcept {
    const std::size_t i = list_index(r.order.request.instrument, r.order.request.side);
    return i < live_.size() ? &live_[i] : nullptr;  // orders for unknown instruments are never linked
}

void OrderManager::link(std::uint32_t slot) noexcept {
    OrderRecord& r = slots_[slot];
    LiveList* l = list_of(r);
    if (!l) return;
    r.prev_live = l->tail;
    r.next_live = OrderRecord::kNoSlot;
    (l->tail == OrderRecord::kNoSlot ? l->head : slots_[l->tail].next_live) = slot;
    l->tail = slot;
    ++l->count;
}

void OrderManager::unlink(std::uint32_t slot) noexcept {
    OrderRecord& r = slots_[slot];
    LiveList* l = list_of(r);
    if (!l) return;
    (r.prev_live == OrderRecord::kNoSlot ? l->head : slots_[r.prev_live].next_live) = r.next_live;
    (r.next_live == OrderRecord::kNoSlot ? l->tail : slots_[r.next_live].prev_live) = r.prev_live;
    r.prev_live = r.next_live = OrderRecord::kNoSlot;
    --l->count;
}

Quantity OrderManager::open_quantity(InstrumentId instrument, Side side) const noexcept {
    const std::size_t i = list_index(instrument, side);
    return i < live_.size() ? live_[i].open : Quantity{};
}

std::size_t OrderManager::open_orders(InstrumentId instrument, Side side) const noexcept {
    const std::size_t i = list_index(instrument, side);
    return i < live_.size() ? live_[i].count : 0;
}

OrderRecord* OrderManager::create(std::uint32_t strategy, const OrderRequest& request, Timestamp now) noexcept {
    const auto index = std::uint32_t(next_id_ & (slots_.size() - 1));
    OrderRecord& slot = slots_[index];
    if (slot.live()) return nullptr;
    slot = OrderRecord{};
    slot.order = Order{next_id_++, request, strategy, now};
    slot.price = request.price;
    slot.qty = request.qty;
    slot.last_update_ts = now;
    if (strategy >= open_by_strategy_.size()) open_by_strategy_.resize(strategy + 1, 0);  // once per strategy
    ++open_by_strategy_[strategy];
    ++open_total_;
    ++counters_.submitted;
    return &slot;
}

void OrderManager::activate(OrderRecord& record, Timestamp now) noexcept {
    if (record.active || !record.live()) return;
    record.active = true;
    record.sent_ts = now;
    link(std::uint32_t(&record - slots_.data()));
    if (LiveList* l = list_of(record)) l->open += record.leaves();
}

OrderRecord* OrderManager::find(OrderId id) noexcept {
    if (id == kNoOrder || id >= next_id_) return nullptr;
    OrderRecord& slot = slots_[id & (slots_.size() - 1)];
    return slot.order.id == id ? &slot : nullptr;
}

const OrderRecord* OrderManager::find(OrderId id) const noexcept { return const_cast<OrderManager*>(this)->find(id); }

bool OrderManager::request_cancel(OrderId id, Timestamp now) noexcept {
    OrderRecord* r = find(id);
    if (!r || !r->live()) return false;
    r->cancel_requested = true;
    r->cancel_sent_ts = now;
    ++counters_.cancel_requests;
    return true;
}

bool OrderManager::request_replace(OrderId id) noexcept {
    OrderRecord* r = find(id);
    if (!r || !r->live() || r->cancel_requested) return false;
    r->replace_requested = true;
    ++counters_.replace_requests;
    return true;
}

void OrderManager::on_leave_live(const OrderRecord& r) noexcept {
    if (r.active) unlink(std::uint32_t(&r - slots_.data()));
    --open_by_strategy_[r.order.strategy];
    --open_total_;
}

UpdateOutcome OrderManager::apply(const OrderUpdate& u) noexcept {
    OrderRecord* r = find(u.id);
    if (!r) {
        ++counters_.unknown_order_updates;
        return UpdateOutcome::UnknownOrder;
    }
    const bool was_live = r->live();
    const Quantity leaves_before = r->leaves();
    UpdateOutcome outcome = UpdateOutcome::Applied;

    if (u.is_fill()) {
        ++counters_.fills;
        if (r->status == OrderStatus::Cancelled || r->cancel_requested) {
            ++counters_.fills_after_cancel;
            outcome = UpdateOutcome::FillAfterCancel;
        }
        r->filled += u.last_qty;
        r->filled_notional += notional(u.last_price, u.last_qty);
        r->fees += u.last_fee;
    }
    r->last_update_ts = u.ts;

    switch (u.status) {
        case OrderStatus::PendingNew:
            break;
        case OrderStatus::Accepted:
            if (r->status != OrderStatus::PendingNew) {
                outcome = UpdateOutcome::Ignored;
                break;
            }
            r->status = OrderStatus::Accepted;
            ++counters_.accepted;
            break;
        case OrderStatus::PartiallyFilled:
        case OrderStatus::Filled:
            // A fill on an order the host already considers cancelled keeps the
            // terminal state; the fill itself was real and was counted above.
            if (!was_live) break;
            r->status = r->filled >= r->qty ? OrderStatus::Filled : OrderStatus::PartiallyFilled;
            if (r->status == OrderStatus::Filled) ++counters_.filled;
            break;
        case OrderStatus::Cancelled:
            if (!was_live) {
                outcome = UpdateOutcome::Ignored;
                break;
            }
            r->status = OrderStatus::Cancelled;
            r->reason = u.reason;
            r->text = u.text;
            ++counters_.cancelled;
            break;
        case OrderStatus::Rejected:
            if (!was_live) {
                outcome = UpdateOutcome::Ignored;
                break;
            }
            r->status = OrderStatus::Rejected;
            r->reason = u.reason;
            r->text = u.text;
            ++counters_.rejected;
            break;
        case OrderStatus::Replaced:
            if (!was_live) {
                outcome = UpdateOutcome::Ignored;
                break;
            }
            r->price = u.price;
            r->qty = u.qty;
            r->replace_requested = false;
            if (r->status == OrderStatus::PendingNew) r->status = OrderStatus::Accepted;
            ++counters_.replaced;
            break;
        case OrderStatus::CancelRejected:
            r->cancel_requested = false;
            r->replace_requested = false;
            ++counters_.cancel_rejects;
            break;
    }
    if (outcome == UpdateOutcome::Ignored) ++counters_.ignored_updates;
    if (LiveList* l = list_of(*r); l && r->active) l->open += r->leaves() - leaves_before;
    if (was_live && !r->live()) on_leave_live(*r);
    return outcome;
}

std::size_t OrderManager::open_orders(std::uint32_t strategy) const noexcept {
    return strategy < open_by_strategy_.size() ? open_by_strategy_[strategy] : 0;
}

}  // namespace trellis::host
