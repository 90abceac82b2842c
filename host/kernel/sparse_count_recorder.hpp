#pragma once
// Feeds a Histogram with a per-event count that is zero for almost every
// event — the intents a strategy issues in reaction to one event: most market
// events make a market maker do nothing. Only the nonzero values are recorded
// as they happen; the zeros are the events of the interval left over, handed
// to the histogram in one record(0, times) at flush(). The per-event path is
// thus one compare the caller already makes (did the count move?), and not a
// single count changes.

#include <cstdint>

#include "kernel/coalescing_recorder.hpp"

namespace trellis::host {

class SparseCountRecorder {
public:
    void attach(Histogram* histogram) noexcept {
        histogram_ = histogram;
        nonzero_.attach(histogram);
    }

    // One event's value, known to be nonzero (the caller skips the zeros).
    void record_nonzero(std::int64_t value) noexcept {
        nonzero_.record(value);
        ++nonzero_events_;
    }

    // `events`: every event counted so far, zeros included (a counter the caller keeps anyway).
    // Records the interval's zeros — its events that recorded nothing — then its nonzero values.
    void flush(std::uint64_t events) noexcept {
        const std::uint64_t in_interval = events - events_at_flush_;
        if (histogram_ && in_interval > nonzero_events_)
            histogram_->record(0, std::int64_t(in_interval - nonzero_events_));
        nonzero_.flush();
        events_at_flush_ = events;
        nonzero_events_ = 0;
    }

private:
    Histogram* histogram_ = nullptr;
    CoalescingRecorder nonzero_;
    std::uint64_t events_at_flush_ = 0;
    std::uint64_t nonzero_events_ = 0;
};

}  // namespace trellis::host
