#pragma once
// A FIFO ring buffer for the engine's delay lines. Capacity is a power of two
// and preallocated; it doubles only if a run outgrows it (a one-off cost, not
// steady state). Dropping would break determinism, so it never drops.

#include <cstddef>
#include <utility>
#include <vector>

namespace trellis::host {

template <class T>
class Fifo {
public:
    explicit Fifo(std::size_t capacity = 1024) : slots_(round_up(capacity)) {}

    bool empty() const noexcept { return head_ == tail_; }
    std::size_t size() const noexcept { return tail_ - head_; }
    const T& front() const noexcept { return slots_[head_ & mask()]; }
    T& front() noexcept { return slots_[head_ & mask()]; }
    void pop() noexcept { ++head_; }

    void push(const T& value) {
        if (size() == slots_.size()) grow();
        slots_[tail_++ & mask()] = value;
    }

private:
    static std::size_t round_up(std::size_t n) {
        std::size_t p = 1;
        while (p < n) p <<= 1;
        return p;
    }
    std::size_t mask() const noexcept { return slots_.size() - 1; }
    void grow() {
        std::vector<T> bigger(slots_.size() * 2);
        for (std::size_t i = 0; i < size(); ++i) bigger[i] = std::move(slots_[(head_ + i) & mask()]);
        tail_ = size();
        head_ = 0;
        slots_ = std::move(bigger);
    }

    std::vector<T> slots_;
    std::size_t head_ = 0;
    std::size_t tail_ = 0;
};

}  // namespace trellis::host
