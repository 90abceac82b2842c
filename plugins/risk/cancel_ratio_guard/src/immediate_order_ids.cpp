#include "immediate_order_ids.hpp"

namespace trellis::risk {

void ImmediateOrderIds::remember(OrderId id) noexcept {
    ids_[next_] = id;
    next_ = (next_ + 1) % kCapacity;
}

bool ImmediateOrderIds::forget(OrderId id) noexcept {
    if (id == kNoOrder) return false;
    for (OrderId& slot : ids_)
        if (slot == id) {
            slot = kNoOrder;
            return true;
        }
    return false;
}

}  // namespace trellis::risk
