#pragma once
// The new orders a duplicate guard remembers: a ring of fixed capacity,
// allocated once, that forgets the oldest entry when full. Lookups scan it
// (capacity is small: the number of orders a strategy may send in one window).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trellis/order.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::risk {

/// What makes two orders duplicates: same strategy, instrument, side, type,
/// limit price and quantity. Market orders have no price (0 here).
struct OrderKey {
    std::uint32_t strategy = 0;
    InstrumentId instrument = kNoInstrument;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    Price price;
    Quantity qty;
    bool operator==(const OrderKey&) const = default;

    /// The key of a strategy's order request.
    static OrderKey of(std::uint32_t strategy, const OrderRequest& order) noexcept {
        return {
            strategy, order.instrument, order.side, order.type, order.type == OrderType::Market ? Price{} : order.price,
            order.qty};
    }
};

/// One remembered order.
struct RecentOrder {
    OrderKey key;
    OrderId id = kNoOrder;  // kNoOrder: forgotten (the order was rejected)
    Timestamp ts = 0;       // host time it was accepted by the guard
};

class RecentOrders {
public:
    /// Remembers up to `capacity` (>= 1) orders.
    explicit RecentOrders(std::size_t capacity);

    /// The newest remembered order with `key` accepted after `since` (ts > since), or nullptr.
    const RecentOrder* find(const OrderKey& key, Timestamp since) const noexcept;
    /// Remembers an order. Returns true when the ring was full and the entry it
    /// overwrote was still newer than `since`, i.e. inside the window: the guard
    /// can no longer see duplicates of it.
    bool remember(const OrderKey& key, OrderId id, Timestamp ts, Timestamp since) noexcept;
    /// Forgets the order `id` (it was rejected, so it never existed); no-op if unknown.
    void forget(OrderId id) noexcept;
    /// Number of entries held (forgotten ones included until overwritten).
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return slots_.size(); }

    /// Appends the live entries, oldest first, to a snapshot.
    void write(StateWriter& w) const;
    /// Replaces the contents with what write() wrote; entries beyond capacity
    /// keep the newest. False (contents unchanged) on short or corrupt bytes.
    bool read(StateReader& r);

private:
    const RecentOrder& at(std::size_t age_rank) const noexcept {  // 0 = oldest
        return slots_[(head_ + age_rank) % slots_.size()];
    }

    std::vector<RecentOrder> slots_;
    std::size_t head_ = 0;  // oldest entry
    std::size_t size_ = 0;
};

}  // namespace trellis::risk
