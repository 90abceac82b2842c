#include "queue_position.hpp"

#include <algorithm>
#include <cmath>

namespace trellis::simex {

std::int64_t probabilistic_decrease(std::int64_t ahead, std::int64_t behind, std::int64_t drop, double power) noexcept {
    if (ahead <= 0 || drop <= 0) return 0;
    // f(a)/(f(a)+f(b)) written as 1/(1+(b/a)^n): no overflow for large raw sizes.
    const double share = behind <= 0 ? 1.0 : 1.0 / (1.0 + std::pow(double(behind) / double(ahead), power));
    const std::int64_t dec = std::llround(double(drop) * share);
    return std::min(dec, ahead);
}

void QueuePosition::observe(std::int64_t visible, bool probabilistic, double power) noexcept {
    if (!known) {  // first sight of our level: everything visible is in front of us
        join_behind(visible, arrival_seq);
        return;
    }
    if (probabilistic) {
        // What the level would hold if only the trades since the last look had happened;
        // anything further missing was cancelled somewhere in the queue.
        const std::int64_t after_trades = std::max<std::int64_t>(0, last_seen - traded_since_seen);
        const std::int64_t cancelled = after_trades - visible;
        if (cancelled > 0) {
            const std::int64_t behind = std::max<std::int64_t>(0, after_trades - ahead);
            ahead -= probabilistic_decrease(ahead, behind, cancelled, power);
        }
        // Growth (cancelled < 0) joined behind us: nothing to do.
    }
    ahead = std::min(ahead, visible);  // the queue ahead is made of visible orders at our price
    last_seen = visible;
    traded_since_seen = 0;
}

}  // namespace trellis::simex
