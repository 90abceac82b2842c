#pragma once
/// @file event_window.hpp
/// Counting events in a sliding time window without allocating per event,
/// for throttles and ratio guards (orders per second, fills per minute, ...).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trellis/types.hpp"

namespace trellis {

/// Remembers the times of the last `capacity` events and answers how many of
/// them fall within `window` of a given time. Memory is allocated once, at
/// construction. Once more than `capacity` events are inside the window the
/// count saturates at `capacity` — size it to the largest limit you compare
/// against (a throttle of N needs capacity N).
class EventWindow {
public:
    /// A window of `window` ns remembering up to `capacity` (>= 1) events.
    EventWindow(Duration window, std::size_t capacity) : window_(window), times_(capacity ? capacity : 1) {}

    /// Records an event at `ts` (times must not decrease).
    void record(Timestamp ts) noexcept {
        times_[(head_ + size_) % times_.size()] = ts;
        if (size_ < times_.size())
            ++size_;
        else
            head_ = (head_ + 1) % times_.size();
    }

    /// Number of recorded events in (now − window, now], saturating at capacity.
    std::size_t count(Timestamp now) noexcept {
        while (size_ > 0 && times_[head_] <= now - window_) {
            head_ = (head_ + 1) % times_.size();
            --size_;
        }
        return size_;
    }

    /// Calls f(Timestamp) for every remembered event still inside the window
    /// at `now` — the ones count(now) counts — oldest first, without forgetting
    /// any. For snapshots: recording the same times into a fresh window
    /// restores it exactly (up to capacity, as always).
    template <class F>
    void for_each(Timestamp now, F&& f) const {
        for (std::size_t i = 0; i < size_; ++i) {
            const Timestamp ts = times_[(head_ + i) % times_.size()];
            if (ts > now - window_) f(ts);
        }
    }

    /// Forgets every event.
    void clear() noexcept { head_ = size_ = 0; }
    /// The window length in ns.
    Duration window() const noexcept { return window_; }
    /// The most events it can count.
    std::size_t capacity() const noexcept { return times_.size(); }

private:
    Duration window_;
    std::vector<Timestamp> times_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace trellis
