#pragma once
// The host's book of its own orders: assigns ids, tracks every order through
// its life cycle (new → accepted → partially filled → filled | cancelled |
// rejected, with cancel and cancel-replace), and counts what does not fit:
// updates for unknown ids, fills after a cancel, impossible transitions.
//
// Storage is a fixed ring indexed by id (ids are sequential), so creating,
// finding and updating an order never allocates.

#include <cstdint>
#include <vector>

#include "trellis/order.hpp"

namespace trellis::host {

struct OrderRecord {
    Order order;  // as submitted (request.price/qty are the ORIGINAL values)
    OrderStatus status = OrderStatus::PendingNew;
    Price price;                // current limit price (after replaces)
    Quantity qty;               // current total quantity (after replaces)
    Quantity filled;            // cumulative filled quantity
    Money filled_notional = 0;  // Σ fill price × qty, for the average fill price
    Money fees = 0;
    RejectReason reason = RejectReason::None;
    FixedText<128> text;
    bool cancel_requested = false;
    bool replace_requested = false;
    Timestamp last_update_ts = 0;
    // Host times for order.ack_latency / order.cancel_latency: when the order
    // was released toward its venue, and when the last cancel was requested.
    Timestamp sent_ts = 0;
    Timestamp cancel_sent_ts = 0;
    // Links of the live-order list of this order's (instrument, side), as slot indexes.
    std::uint32_t prev_live = kNoSlot;
    std::uint32_t next_live = kNoSlot;
    bool active = false;  // passed the host's checks and counts toward open quantity

    static constexpr std::uint32_t kNoSlot = ~0u;
    bool live() const noexcept { return order.id != kNoOrder && !is_terminal(status); }
    // Quantity still open at the venue (or on its way there).
    Quantity leaves() const noexcept { return live() ? qty - filled : Quantity{}; }
};

// What applying an update did.
enum class UpdateOutcome : std::uint8_t {
    Applied,          // a normal state change
    FillAfterCancel,  // a fill for an order already cancelled or with a cancel in flight (still a real fill)
    UnknownOrder,     // no such order (or long gone): counted and ignored, except fills (see engine)
    Ignored,          // a stale or impossible transition: counted, state unchanged
};

struct OrderCounters {
    std::uint64_t submitted = 0;  // orders created
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t filled = 0;     // orders that reached Filled
    std::uint64_t cancelled = 0;  // orders that reached Cancelled
    std::uint64_t fills = 0;      // fill updates (partial or full)
    std::uint64_t cancel_requests = 0;
    std::uint64_t replace_requests = 0;
    std::uint64_t replaced = 0;
    std::uint64_t cancel_rejects = 0;
    std::uint64_t unknown_order_updates = 0;
    std::uint64_t fills_after_cancel = 0;
    std::uint64_t ignored_updates = 0;
};

class OrderManager {
public:
    // capacity: how many orders may be tracked at once (rounded up to a power of two);
    // instruments: size of the instrument table (live orders are indexed per instrument and side).
    explicit OrderManager(std::size_t capacity = 1 << 16, std::size_t instruments = 1);

    // Creates an order in PendingNew. Returns nullptr if the slot its id maps to
    // still holds a live order (too many open orders). The order does not count
    // toward open quantities until activate(): risk checks judge it against the
    // orders already out, not against itself.
    OrderRecord* create(std::uint32_t strategy, const OrderRequest& request, Timestamp now) noexcept;
    // The order passed the checks and is on its way to the venue (host time `now`).
    void activate(OrderRecord& record, Timestamp now) noexcept;

    // The record of a tracked order, or nullptr.
    OrderRecord* find(OrderId id) noexcept;
    const OrderRecord* find(OrderId id) const noexcept;

    // Marks a cancel (requested at host time `now`) / replace as requested.
    // False if the order is unknown or terminal.
    bool request_cancel(OrderId id, Timestamp now) noexcept;
    bool request_replace(OrderId id) noexcept;

    // Applies a venue (or host) update to the order's state.
    UpdateOutcome apply(const OrderUpdate& update) noexcept;

    // Live orders of one strategy.
    std::size_t open_orders(std::uint32_t strategy) const noexcept;
    std::size_t open_orders() const noexcept { return open_total_; }

    const OrderCounters& counters() const noexcept { return counters_; }
    OrderId last_id() const noexcept { return next_id_ - 1; }

    // Open quantity and number of live orders in one instrument on one side
    // (orders still in flight to the venue included).
    Quantity open_quantity(InstrumentId instrument, Side side) const noexcept;
    std::size_t open_orders(InstrumentId instrument, Side side) const noexcept;

    // Calls f(const OrderRecord&) for every live order of (instrument, side), oldest first.
    template <class F>
    void for_each_live(InstrumentId instrument, Side side, F&& f) const {
        if (instrument >= live_.size() / 2) return;
        for (std::uint32_t i = live_[list_index(instrument, side)].head; i != OrderRecord::kNoSlot;
             i = slots_[i].next_live)
            f(slots_[i]);
    }
    // Calls f(const OrderRecord&) for every live order: by instrument, buys then sells, oldest first.
    template <class F>
    void for_each_live(F&& f) const {
        for (InstrumentId i = 0; i < live_.size() / 2; ++i) {
            for_each_live(i, Side::Buy, f);
            for_each_live(i, Side::Sell, f);
        }
    }

private:
    struct LiveList {
        std::uint32_t head = OrderRecord::kNoSlot;
        std::uint32_t tail = OrderRecord::kNoSlot;
        std::size_t count = 0;
        Quantity open;
    };
    static std::size_t list_index(InstrumentId instrument, Side side) noexcept {
        return std::size_t(instrument) * 2 + (side == Side::Sell ? 1 : 0);
    }
    LiveList* list_of(const OrderRecord& r) noexcept;
    void link(std::uint32_t slot) noexcept;
    void unlink(std::uint32_t slot) noexcept;
    void on_leave_live(const OrderRecord& r) noexcept;

    std::vector<OrderRecord> slots_;
    std::vector<LiveList> live_;  // two per instrument: buys, sells
    std::vector<std::uint32_t> open_by_strategy_;
    std::size_t open_total_ = 0;
    OrderId next_id_ = 1;
    OrderCounters counters_;
};

}  // namespace trellis::host
