#pragma once
// Where one of our resting orders stands in the venue's queue at its price.
//
// `ahead` is the visible market quantity in front of us. Our own orders are
// not in the market data, so the market keeps trading as if we were absent
// (no market impact); the queue only tells us when enough volume has passed
// our place for us to be filled. Two models update it (see README.md):
//  - exact (L3 data): cancels of venue orders added before our arrival reduce
//    `ahead` by their size;
//  - probabilistic (L1 data): a drop d of the visible size at our price that
//    trades do not explain is split between the quantity ahead and behind us
//    in proportion to f(ahead) : f(behind), f(x) = x^power.
// In both models trades at our price consume `ahead` first (see the engine's
// sweep) and `ahead` never exceeds the visible size at our price.

#include <cstdint>

namespace trellis::simex {

/// Which queue model applies; Auto picks Exact once L3 order events were seen for the instrument.
enum class QueueModel : std::uint8_t { Auto = 0, Exact = 1, Probabilistic = 2 };

struct QueuePosition {
    std::int64_t ahead = 0;              ///< visible quantity ahead of us (raw); valid when known
    std::int64_t last_seen = 0;          ///< visible size at our price at the last observation
    std::int64_t traded_since_seen = 0;  ///< market volume traded at our price since that observation
    std::uint64_t arrival_seq = 0;       ///< market-event sequence number when we (re)joined the queue
    bool known = false;                  ///< false while resting deeper than an L1 best: set on first sight

    /// Joins at the back of a queue of `visible` quantity.
    void join_behind(std::int64_t visible, std::uint64_t seq) noexcept {
        ahead = visible;
        last_seen = visible;
        traded_since_seen = 0;
        arrival_seq = seq;
        known = true;
    }
    /// Joins at a price whose visible size cannot be seen yet (deeper than the L1 best).
    void join_unseen(std::uint64_t seq) noexcept {
        *this = QueuePosition{};
        arrival_seq = seq;
    }
    /// Aggressor volume `budget` reaches our price: the part in front of us is consumed first.
    /// Returns how much of the budget the queue ahead used.
    std::int64_t consume_ahead(std::int64_t budget) noexcept {
        const std::int64_t used = ahead < budget ? ahead : budget;
        ahead -= used;
        return used;
    }
    /// A venue order in front of us cancelled `qty` (exact model).
    void cancel_ahead(std::int64_t qty) noexcept { ahead = ahead > qty ? ahead - qty : 0; }

    /// The visible size at our price is now `visible` (from a Quote at our price,
    /// a Quote showing our level emptied, or an L2 level update).
    void observe(std::int64_t visible, bool probabilistic, double power) noexcept;
};

/// The part of a visible-size drop `drop` that came from in front of us:
/// round(drop × f(ahead) / (f(ahead) + f(behind))), f(x) = x^power, rounded to the
/// nearest raw unit (halves away from zero) and never more than `ahead`.
std::int64_t probabilistic_decrease(std::int64_t ahead, std::int64_t behind, std::int64_t drop, double power) noexcept;

}  // namespace trellis::simex
