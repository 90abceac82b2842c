#pragma once
// The highest value a step series (e.g. the mid price) took during the last
// `window` of time, in O(1) amortized per update and without allocation after
// construction.
//
// A monotonic queue in a fixed ring buffer: each value, once replaced, is kept
// with the time it stopped being current; a value that is not higher than a
// later one can never be the high again and is dropped. Kept values are
// therefore strictly decreasing from the oldest (the high) to the newest.
//
// Path semantics: a value counts while it was current at some instant of the
// window (now − window, now]. So a mid set long ago but still current is the
// high of a quiet market, and a replaced value leaves the window `window`
// after it was replaced, not after it was first seen.
//
// Capacity: one entry per successively lower kept value. If a fall is so long
// that the buffer is full, the OLDEST entry (the current high) is dropped and
// counted in overflows(): the high then comes from a shorter window and is
// lower than the true one, so a dip is measured smaller, never larger.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trellis/types.hpp"

namespace trellis::dip_buyer {

class RollingHigh {
public:
    /// A replaced value and the time it stopped being current.
    struct Entry {
        Timestamp until = 0;
        std::int64_t value = 0;
    };

    /// Preallocates `capacity` entries (at least 1).
    RollingHigh(Duration window, std::size_t capacity);

    /// The series takes `value` from time ts on. Timestamps must not go back.
    void update(Timestamp ts, std::int64_t value) noexcept;
    /// True once the series has a value.
    bool has_value() const noexcept { return has_current_; }
    /// The highest value current at any instant of (now − window, now]. Requires
    /// has_value(). O(1) when now is the time of the last update (which already
    /// dropped what expired); later times skip the entries that have expired since.
    std::int64_t high(Timestamp now) const noexcept;
    /// The current value. Requires has_value().
    std::int64_t current() const noexcept { return current_; }

    /// Replaced values still held.
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return ring_.size(); }
    /// How many times a full buffer dropped its oldest entry.
    std::uint64_t overflows() const noexcept { return overflows_; }
    /// i-th held entry, oldest first.
    const Entry& entry(std::size_t i) const noexcept { return ring_[slot(i)]; }

    /// Replaces the whole state (snapshot restore). Entries oldest first; if there
    /// are more than the capacity, the oldest are dropped as on overflow.
    void reset(bool has_current, std::int64_t current, const std::vector<Entry>& entries,
               std::uint64_t overflows) noexcept;

private:
    std::size_t slot(std::size_t i) const noexcept {
        const std::size_t s = head_ + i;
        return s < ring_.size() ? s : s - ring_.size();
    }
    void expire(Timestamp now) noexcept;
    void push(Entry e) noexcept;

    Duration window_;
    std::vector<Entry> ring_;  // sized once in the constructor
    std::size_t head_ = 0;     // index of the oldest entry
    std::size_t size_ = 0;
    bool has_current_ = false;
    std::int64_t current_ = 0;
    std::uint64_t overflows_ = 0;
};

}  // namespace trellis::dip_buyer
