#include "rolling_high.hpp"

namespace trellis::dip_buyer {

RollingHigh::RollingHigh(Duration window, std::size_t capacity) : window_(window), ring_(capacity > 0 ? capacity : 1) {}

void RollingHigh::expire(Timestamp now) noexcept {
    // An entry was current up to (not at) `until`: it is inside the window while until > now − window.
    while (size_ > 0 && ring_[head_].until <= now - window_) {
        head_ = slot(1);
        --size_;
    }
}

void RollingHigh::push(Entry e) noexcept {
    // Later and at least as high: the older, lower entries can never be the high again.
    while (size_ > 0 && ring_[slot(size_ - 1)].value <= e.value) --size_;
    if (size_ == ring_.size()) {  // full: give up the oldest (see the header)
        head_ = slot(1);
        --size_;
        ++overflows_;
    }
    ring_[slot(size_)] = e;
    ++size_;
}

void RollingHigh::update(Timestamp ts, std::int64_t value) noexcept {
    expire(ts);
    if (has_current_ && value == current_) return;
    if (has_current_) push({ts, current_});
    has_current_ = true;
    current_ = value;
}

std::int64_t RollingHigh::high(Timestamp now) const noexcept {
    // Entries are strictly decreasing from the oldest, so the oldest unexpired one is their maximum.
    for (std::size_t i = 0; i < size_; ++i) {
        const Entry& e = ring_[slot(i)];
        if (e.until > now - window_) return e.value > current_ ? e.value : current_;
    }
    return current_;
}

void RollingHigh::reset(bool has_current, std::int64_t current, const std::vector<Entry>& entries,
                        std::uint64_t overflows) noexcept {
    head_ = 0;
    size_ = 0;
    overflows_ = overflows;
    has_current_ = has_current;
    current_ = current;
    for (const Entry& e : entries) push(e);
}

}  // namespace trellis::dip_buyer
