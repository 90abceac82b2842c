#pragma once
// A bounded single-producer single-consumer ring of trivially copyable items:
// the hand-over between the engine thread and the publisher thread. Storage is
// allocated once; push and pop never allocate, lock or block — a full ring
// refuses the item and the producer counts the drop.

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <vector>

namespace trellis::host::telemetry {

template <class T>
class SpscRing {
    static_assert(std::is_trivially_copyable_v<T>, "items are copied in and out with plain stores");

public:
    // Holds at least `capacity` items (rounded up to a power of two, at least 2).
    explicit SpscRing(std::size_t capacity)
        : items_(std::bit_ceil(capacity < 2 ? std::size_t{2} : capacity)), mask_(items_.size() - 1) {}
    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    std::size_t capacity() const noexcept { return items_.size(); }

    // Producer. False (ring unchanged) when full.
    bool try_push(const T& item) noexcept {
        T* slot = claim();
        if (!slot) return false;
        *slot = item;
        commit();
        publish();
        return true;
    }
    // Producer: the slot the next item goes into, or nullptr when the ring is full. The producer
    // may write only the parts of it that matter, then commit() it.
    T* claim() noexcept {
        if (written_ - tail_cache_ == items_.size()) {
            tail_cache_ = tail_.load(std::memory_order_acquire);
            if (written_ - tail_cache_ == items_.size()) return nullptr;
        }
        return &items_[written_ & mask_];
    }
    // Producer: the claimed slot is written. The consumer sees it only after the next publish(), so
    // a producer can hand items over in blocks: one release store (and one fence, for streaming
    // stores) per block instead of per item.
    void commit() noexcept { ++written_; }
    // Producer: makes every committed item visible to the consumer.
    void publish() noexcept { head_.store(written_, std::memory_order_release); }
    // Producer: items committed but not yet published.
    std::size_t unpublished() const noexcept { return std::size_t(written_ - head_.load(std::memory_order_relaxed)); }
    // Producer: is there room for one more item?
    bool full() noexcept { return claim() == nullptr; }

    // Consumer. False when empty.
    bool try_pop(T& out) noexcept {
        const T* item = peek();
        if (!item) return false;
        out = *item;
        release();
        return true;
    }
    // Consumer: the oldest item, in place, or nullptr when empty. It stays the consumer's until release().
    const T* peek() noexcept {
        const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == head_cache_) {
            head_cache_ = head_.load(std::memory_order_acquire);
            if (tail == head_cache_) return nullptr;
        }
        return &items_[tail & mask_];
    }
    // Consumer: gives the peeked slot back to the producer.
    void release() noexcept { tail_.store(tail_.load(std::memory_order_relaxed) + 1, std::memory_order_release); }

    // Consumer: is there nothing to pop?
    bool empty() noexcept { return peek() == nullptr; }

    // Items published and not yet released (either thread; a snapshot).
    std::size_t size() const noexcept {
        const std::uint64_t tail = tail_.load(std::memory_order_acquire);
        return std::size_t(head_.load(std::memory_order_acquire) - tail);
    }

private:
    static constexpr std::size_t kLine = 64;  // keep the two ends on separate cache lines

    std::vector<T> items_;
    const std::size_t mask_;
    alignas(kLine) std::atomic<std::uint64_t> head_{0};  // published by the producer, read by the consumer
    // Producer-only state on a line of its own: committing an item does not touch the line the
    // consumer reads.
    alignas(kLine) std::uint64_t written_ = 0;           // items committed (published or not)
    std::uint64_t tail_cache_ = 0;                       // producer's last view of tail_
    alignas(kLine) std::atomic<std::uint64_t> tail_{0};  // written by the consumer
    std::uint64_t head_cache_ = 0;                       // consumer's last view of head_
};

}  // namespace trellis::host::telemetry
