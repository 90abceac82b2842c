#pragma once
// Timers set by plugins, ordered by due time then by the order they were set.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "trellis/types.hpp"

namespace trellis::host {

// Who a timer belongs to.
enum class TimerOwner : std::uint8_t { Strategy, Adapter, Risk, None };  // None: kinds without on_timer

struct PendingTimer {
    Timestamp due = 0;
    std::uint64_t seq = 0;  // global scheduling order: ties resolve deterministically
    TimerOwner owner = TimerOwner::Strategy;
    std::uint32_t index = 0;  // strategy or adapter index
    std::uint64_t token = 0;
};

class TimerQueue {
public:
    explicit TimerQueue(std::size_t capacity = 1024) { heap_.reserve(capacity); }

    bool empty() const noexcept { return heap_.empty(); }
    const PendingTimer& top() const noexcept { return heap_.front(); }
    void push(const PendingTimer& t) {
        heap_.push_back(t);
        std::push_heap(heap_.begin(), heap_.end(), later);
    }
    void pop() {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        heap_.pop_back();
    }

private:
    static bool later(const PendingTimer& a, const PendingTimer& b) noexcept {
        return a.due != b.due ? a.due > b.due : a.seq > b.seq;
    }
    std::vector<PendingTimer> heap_;
};

}  // namespace trellis::host
