#pragma once
// One side of an L2 book, kept to a fixed number of the best levels so memory
// is bounded by the feed's depth. Used to derive the best bid/ask from level
// updates. Storage is reserved up front: updates never allocate.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trellis/types.hpp"

namespace trellis::host {

class PriceLevels {
public:
    PriceLevels(Side side, std::size_t capacity);

    // Sets the total size at `price`; size 0 removes the level. When the side is
    // full, a new level better than the worst kept one evicts it, and a level
    // worse than all kept ones is dropped: only the best `capacity` matter.
    void set(Price price, Quantity qty) noexcept;
    void clear() noexcept { levels_.clear(); }

    bool empty() const noexcept { return levels_.empty(); }
    std::size_t size() const noexcept { return levels_.size(); }
    std::size_t capacity() const noexcept { return capacity_; }
    // The best level; call only when !empty().
    Price best_price() const noexcept { return price_of(levels_.back()); }
    Quantity best_qty() const noexcept { return levels_.back().qty; }

private:
    // rank = price for bids, -price for asks, so "higher rank = better" on both
    // sides. Sorted ascending with the best at the back: updates cluster near
    // the top of the book and then move few elements.
    struct Level {
        std::int64_t rank;
        Quantity qty;
    };
    Price price_of(const Level& level) const noexcept { return Price{side_ == Side::Buy ? level.rank : -level.rank}; }

    Side side_;
    std::size_t capacity_;
    std::vector<Level> levels_;
};

}  // namespace trellis::host
