#pragma once
// Our live orders at the venue: a fixed pool of slots, an id index, and per
// (instrument, side) an intrusive list in price-time priority (best price
// first, earlier arrival first). Everything is allocated at construction, so
// adding and removing orders never allocates.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fixed_hash_map.hpp"
#include "queue_position.hpp"
#include "trellis/order.hpp"

namespace trellis::simex {

struct RestingOrder {
    Order order;              ///< as received; request.price and request.qty follow replaces
    std::int64_t filled = 0;  ///< cumulative filled quantity (raw)
    QueuePosition queue;      ///< where we stand at request.price
    std::uint32_t prev = 0;   ///< list links (managed by RestingOrders)
    std::uint32_t next = 0;

    Side side() const noexcept { return order.request.side; }
    Price price() const noexcept { return order.request.price; }
    std::int64_t leaves() const noexcept { return order.request.qty.raw - filled; }
};

struct OrderIdHash {
    std::uint64_t operator()(OrderId id) const noexcept { return mix_hash(id); }
};

class RestingOrders {
public:
    static constexpr std::uint32_t kNil = 0xFFFFFFFFu;

    explicit RestingOrders(std::size_t capacity);

    /// Sizes the per-instrument lists; drops every order.
    void reset(std::size_t instrument_count);
    std::size_t instrument_count() const noexcept { return heads_.size() / 2; }

    std::size_t size() const noexcept { return slots_.size() - free_.size(); }
    std::size_t capacity() const noexcept { return slots_.size(); }
    bool full() const noexcept { return free_.empty(); }

    /// Adds an order behind every order of the same or better price; the caller checked !full().
    std::uint32_t add(const RestingOrder& order) noexcept;
    /// Removes an order (filled or cancelled).
    void remove(std::uint32_t index) noexcept;
    /// Moves an order behind its new price level's orders (after it lost priority).
    void requeue(std::uint32_t index) noexcept;

    /// Index of a live order, or kNil.
    std::uint32_t find(OrderId id) const noexcept;
    RestingOrder& at(std::uint32_t index) noexcept { return slots_[index]; }
    const RestingOrder& at(std::uint32_t index) const noexcept { return slots_[index]; }

    /// First order (best priority) of one side of an instrument, or kNil.
    std::uint32_t head(InstrumentId instrument, Side side) const noexcept { return heads_[list(instrument, side)]; }
    std::uint32_t next(std::uint32_t index) const noexcept { return slots_[index].next; }
    /// True if some order of ours rests at exactly this price.
    bool rests_at(InstrumentId instrument, Side side, Price price) const noexcept;

private:
    std::size_t list(InstrumentId instrument, Side side) const noexcept {
        return std::size_t{instrument} * 2 + (side == Side::Buy ? 0 : 1);
    }
    void link_sorted(std::uint32_t index) noexcept;
    void unlink(std::uint32_t index) noexcept;

    std::vector<RestingOrder> slots_;
    std::vector<std::uint32_t> free_;   // stack of unused slot indexes
    std::vector<std::uint32_t> heads_;  // per (instrument, side)
    FixedHashMap<OrderId, std::uint32_t, OrderIdHash> index_;
};

}  // namespace trellis::simex
