#pragma once
// Ids of orders that recently became terminal (filled, cancelled, rejected),
// so a late cancel/replace is answered TooLateToCancel rather than
// UnknownOrder. Bounded: the oldest ids are forgotten first (FIFO), after
// which a request for them is answered UnknownOrder.

#include <cstdint>
#include <vector>

#include "fixed_hash_map.hpp"
#include "resting_orders.hpp"

namespace trellis::simex {

class RecentTerminalIds {
public:
    explicit RecentTerminalIds(std::size_t capacity) : ring_(capacity), members_(capacity) {}

    void add(OrderId id) noexcept {
        if (ring_.empty() || members_.find(id)) return;
        if (count_ == ring_.size()) {  // full: forget the oldest
            members_.erase(ring_[head_]);
            head_ = (head_ + 1) % ring_.size();
            --count_;
        }
        ring_[(head_ + count_) % ring_.size()] = id;
        ++count_;
        members_.find_or_insert(id, 0);
    }
    bool contains(OrderId id) const noexcept { return members_.find(id) != nullptr; }

    /// Oldest first.
    template <class F>
    void for_each(F f) const {
        for (std::size_t i = 0; i < count_; ++i) f(ring_[(head_ + i) % ring_.size()]);
    }
    std::size_t size() const noexcept { return count_; }
    void clear() noexcept {
        members_.clear();
        head_ = count_ = 0;
    }

private:
    std::vector<OrderId> ring_;
    FixedHashMap<OrderId, std::uint8_t, OrderIdHash> members_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

}  // namespace trellis::simex
