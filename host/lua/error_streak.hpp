#pragma once
// Errors in a row of one Lua plugin instance. After `limit` consecutive
// failed calls the instance trips: a risk rule is quarantined, a strategy
// stops trading. Any successful call ends the streak; only a successful
// reload (reset()) clears a trip. Allocation-free, for the hot path.

namespace trellis::host {

class ErrorStreak {
public:
    explicit ErrorStreak(int limit) noexcept : limit_(limit > 0 ? limit : 1) {}

    // Counts a failed call; true exactly when this error trips the instance.
    bool record_error() noexcept {
        ++length_;
        if (tripped_ || length_ < limit_) return false;
        tripped_ = true;
        return true;
    }
    void record_success() noexcept { length_ = 0; }
    void reset() noexcept {
        length_ = 0;
        tripped_ = false;
    }

    bool tripped() const noexcept { return tripped_; }
    int length() const noexcept { return length_; }
    int limit() const noexcept { return limit_; }

private:
    int limit_;
    int length_ = 0;
    bool tripped_ = false;
};

}  // namespace trellis::host
