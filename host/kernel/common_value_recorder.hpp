#pragma once
// Feeds a Histogram with a per-event value that is one common value for almost
// every event: the intents a strategy issues in reaction to one event (0 — most
// market events make a market maker do nothing), or the market-data lag of
// historical data (the configured market-data latency, for events without a
// receive time or received as stamped). Only the other values are recorded as
// they happen; the common value's count is the events of the interval left
// over, handed to the histogram in one record(common, times) at flush(). The
// per-event path is thus one compare the caller makes (did the count move? was
// the event received later than stamped?), and not a single count changes.

#include <cstdint>

#include "kernel/coalescing_recorder.hpp"

namespace trellis::host {

class CommonValueRecorder {
public:
    void attach(Histogram* histogram, std::int64_t common_value = 0) noexcept {
        histogram_ = histogram;
        common_ = common_value;
        others_.attach(histogram);
    }

    // One event's value, for an event the caller cannot tell has the common value (it may have:
    // the counts stay exact). Events that have it are only counted, at flush().
    void record_other(std::int64_t value) noexcept {
        others_.record(value);
        ++other_events_;
    }

    // `events`: every event counted so far, common ones included (a counter the caller keeps
    // anyway). Records the interval's common values — its events that recorded nothing — then the
    // others.
    void flush(std::uint64_t events) noexcept {
        const std::uint64_t in_interval = events - events_at_flush_;
        if (histogram_ && in_interval > other_events_)
            histogram_->record(common_, std::int64_t(in_interval - other_events_));
        others_.flush();
        events_at_flush_ = events;
        other_events_ = 0;
    }

private:
    Histogram* histogram_ = nullptr;
    std::int64_t common_ = 0;
    CoalescingRecorder others_;
    std::uint64_t events_at_flush_ = 0;
    std::uint64_t other_events_ = 0;
};

}  // namespace trellis::host
