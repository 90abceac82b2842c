#pragma once
// What the market maker knows about its order on one side of the book. At most
// one request (new, replace or cancel) is in flight per side: the next one
// waits for the venue's answer, so a fast market cannot make us flood orders.

#include <cstdint>

#include "trellis/order.hpp"
#include "trellis/types.hpp"

namespace trellis::market_maker {

struct QuoteSlot {
    enum class State : std::uint8_t {
        Empty = 0,       ///< no order on this side
        PendingNew = 1,  ///< submitted, not yet acknowledged
        Live = 2,        ///< resting at the venue
    };

    OrderId id = kNoOrder;
    State state = State::Empty;
    bool request_pending = false;  ///< a replace or cancel awaits the venue's answer
    Price price;                   ///< the order's current limit price
    Quantity qty;                  ///< the order's total quantity
    Quantity filled;               ///< cumulative filled quantity
    Timestamp retry_after = 0;     ///< after a refusal: no new request before this host time

    /// True if `order` is this side's order (kNoOrder never matches an empty slot).
    bool owns(OrderId order) const noexcept { return order != kNoOrder && order == id; }
    /// A new, replace or cancel request is outstanding.
    bool busy() const noexcept { return state == State::PendingNew || request_pending; }
    /// Quantity that can still fill.
    Quantity remaining() const noexcept { return qty - filled; }
    /// Forgets the order (terminal or unknown to the venue); keeps the back-off.
    void clear() noexcept {
        const Timestamp keep = retry_after;
        *this = QuoteSlot{};
        retry_after = keep;
    }
};

}  // namespace trellis::market_maker
