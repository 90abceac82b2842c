#pragma once
// Feeds a Histogram from the per-event path, run-length coalesced: a value
// equal to the previous one costs a compare and an increment, and the run goes
// into the histogram in one record(value, times) when the value changes or at
// flush(). Per-event distributions are mostly runs — a backtest's market-data
// lag is the configured latency on every event, and most events make a
// strategy issue no order at all — so this takes the histogram off the hot
// path without changing a single count. flush() before the histogram is read.

#include <cstdint>

#include "trellis/metrics.hpp"

namespace trellis::host {

class CoalescingRecorder {
public:
    void attach(Histogram* histogram) noexcept { histogram_ = histogram; }

    void record(std::int64_t value) noexcept {
        if (value == value_ && pending_ > 0) {
            ++pending_;
            return;
        }
        flush();
        value_ = value;
        pending_ = 1;
    }

    void flush() noexcept {
        if (pending_ > 0 && histogram_) histogram_->record(value_, pending_);
        pending_ = 0;
    }

private:
    Histogram* histogram_ = nullptr;
    std::int64_t value_ = 0;
    std::int64_t pending_ = 0;
};

}  // namespace trellis::host
