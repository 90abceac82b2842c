#pragma once
// The ids of recent immediate-or-cancel and market orders. The venue cancels
// what such an order could not fill at once; that Cancelled update is the
// order type working, not a cancel the strategy chose, so the cancel ratio
// must not count it. Fixed capacity, no allocation: when full, the oldest id
// is forgotten first, and its venue cancel is then counted — the strict side.

#include <array>
#include <cstddef>

#include "trellis/types.hpp"

namespace trellis::risk {

class ImmediateOrderIds {
public:
    /// Far more than can be in flight at once: an IOC order lives one round trip.
    static constexpr std::size_t kCapacity = 256;

    /// Remembers `id` (replacing the oldest when full).
    void remember(OrderId id) noexcept;
    /// True if `id` was remembered; forgets it. O(kCapacity), on Cancelled updates only.
    bool forget(OrderId id) noexcept;

private:
    std::array<OrderId, kCapacity> ids_{};  // kNoOrder = free
    std::size_t next_ = 0;                  // slot the next id takes
};

}  // namespace trellis::risk
