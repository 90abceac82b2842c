#pragma once
// Decides when a reader emits a Quote: only when the best bid/ask (price or
// size) differs from the last one emitted, and always the first time.

#include "trellis/events.hpp"

namespace trellis::host {

class QuoteTracker {
public:
    // Returns true (and remembers q) when q differs from the last quote seen.
    bool changed(const QuotePayload& q) noexcept {
        const bool differs = !seen_ || q.bid != last_.bid || q.ask != last_.ask || q.bid_qty != last_.bid_qty ||
                             q.ask_qty != last_.ask_qty;
        last_ = q;
        seen_ = true;
        return differs;
    }
    void reset() noexcept { seen_ = false; }

private:
    QuotePayload last_{};
    bool seen_ = false;
};

}  // namespace trellis::host
