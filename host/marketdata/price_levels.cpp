#include "marketdata/price_levels.hpp"

#include <algorithm>

namespace trellis::host {

PriceLevels::PriceLevels(Side side, std::size_t capacity) : side_(side), capacity_(capacity < 1 ? 1 : capacity) {
    levels_.reserve(capacity_);
}

void PriceLevels::set(Price price, Quantity qty) noexcept {
    const std::int64_t rank = side_ == Side::Buy ? price.raw : -price.raw;
    auto at = std::lower_bound(levels_.begin(), levels_.end(), rank,
                               [](const Level& level, std::int64_t r) { return level.rank < r; });
    if (at != levels_.end() && at->rank == rank) {
        if (qty.raw == 0)
            levels_.erase(at);
        else
            at->qty = qty;
        return;
    }
    if (qty.raw == 0) return;  // removing a level we do not keep
    auto index = at - levels_.begin();
    if (levels_.size() == capacity_) {
        if (index == 0) return;          // worse than every level kept
        levels_.erase(levels_.begin());  // evict the worst to make room
        --index;
    }
    levels_.insert(levels_.begin() + index, Level{rank, qty});  // within reserved capacity: no allocation
}

}  // namespace trellis::host
