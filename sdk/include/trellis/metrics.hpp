#pragma once
/// @file metrics.hpp
/// Metric cells updated from ONE thread (the engine thread). Cells are relaxed
/// atomics so another thread may read a consistent word at any time, but
/// updates are load+store, not read-modify-write: on x86 that is a plain move,
/// with no lock prefix, which keeps the hot path as cheap as a field update.

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>

namespace trellis {

/// A monotonically increasing count. One writer thread.
class Counter {
public:
    /// Adds n (default 1).
    void add(std::int64_t n = 1) noexcept {
        v_.store(v_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    /// Current value.
    std::int64_t value() const noexcept { return v_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::int64_t> v_{0};
};

/// A value that goes up and down. One writer thread.
class Gauge {
public:
    /// Sets the value.
    void set(double x) noexcept { v_.store(std::bit_cast<std::uint64_t>(x), std::memory_order_relaxed); }
    /// Current value.
    double value() const noexcept { return std::bit_cast<double>(v_.load(std::memory_order_relaxed)); }

private:
    std::atomic<std::uint64_t> v_{0};
};

/// Percentiles of the values a Histogram recorded over one interval.
/// Percentiles are the upper bound of the bucket holding them (never an
/// under-estimate; at most 1/16 ≈ 6.25 % above the true value).
struct HistogramSummary {
    std::int64_t count = 0;  ///< values recorded in the interval
    std::int64_t p50 = 0;
    std::int64_t p99 = 0;
    std::int64_t p999 = 0;
    std::int64_t max = 0;  ///< exact largest value
    std::int64_t sum = 0;  ///< exact sum (for the mean)
};

/// A distribution of non-negative integers (ns, counts). Log-linear buckets:
/// values below 16 exactly, above that 16 buckets per power of two. Recording
/// is a few instructions and never allocates. One writer thread, which also
/// calls drain() at the end of each interval.
class Histogram {
public:
    static constexpr int kSubBits = 4;
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kBuckets = (64 - kSubBits + 1) * kSub;  // 976: covers every uint64

    /// Records `times` occurrences of one value (negative values count as 0).
    void record(std::int64_t value, std::int64_t times = 1) noexcept {
        if (times <= 0) return;
        const std::int64_t v = value < 0 ? 0 : value;
        bump(buckets_[static_cast<std::size_t>(bucket_of(static_cast<std::uint64_t>(v)))], times);
        bump(count_, times);
        bump(sum_, v * times);
        if (v > max_.load(std::memory_order_relaxed)) max_.store(v, std::memory_order_relaxed);
    }

    /// Values recorded since construction (never reset).
    std::int64_t total_count() const noexcept {
        return drained_.load(std::memory_order_relaxed) + count_.load(std::memory_order_relaxed);
    }

    /// Summarises the values recorded since the last drain and starts a new
    /// interval. Writer thread only. It walks the buckets up to the largest
    /// value's (a few hundred at most for ns latencies), once per interval, so
    /// that record() keeps no bookkeeping beyond the counts.
    HistogramSummary drain() noexcept {
        HistogramSummary s;
        s.count = count_.load(std::memory_order_relaxed);
        if (s.count == 0) return s;
        s.sum = sum_.load(std::memory_order_relaxed);
        s.max = max_.load(std::memory_order_relaxed);
        const std::int64_t r50 = rank(s.count, 500), r99 = rank(s.count, 990), r999 = rank(s.count, 999);
        std::int64_t seen = 0;
        const int last = bucket_of(static_cast<std::uint64_t>(s.max));
        for (int b = 0; b <= last; ++b) {
            auto& cell = buckets_[static_cast<std::size_t>(b)];
            const std::int64_t n = cell.load(std::memory_order_relaxed);
            if (n == 0) continue;
            const std::int64_t before = seen;
            seen += n;
            const std::int64_t upper = std::min<std::int64_t>(upper_bound(b), s.max);
            if (before < r50 && seen >= r50) s.p50 = upper;
            if (before < r99 && seen >= r99) s.p99 = upper;
            if (before < r999 && seen >= r999) s.p999 = upper;
            cell.store(0, std::memory_order_relaxed);
        }
        drained_.store(drained_.load(std::memory_order_relaxed) + s.count, std::memory_order_relaxed);
        count_.store(0, std::memory_order_relaxed);
        sum_.store(0, std::memory_order_relaxed);
        max_.store(0, std::memory_order_relaxed);
        return s;
    }

    /// Bucket index of a value.
    static constexpr int bucket_of(std::uint64_t v) noexcept {
        if (v < static_cast<std::uint64_t>(kSub)) return static_cast<int>(v);
        const int e = 63 - std::countl_zero(v);  // e >= kSubBits
        const int sub = static_cast<int>((v >> (e - kSubBits)) & (kSub - 1));
        return (e - kSubBits + 1) * kSub + sub;
    }
    /// Largest value that falls in bucket b.
    static constexpr std::int64_t upper_bound(int b) noexcept {
        if (b < kSub) return b;
        const int e = b / kSub + kSubBits - 1;
        const std::uint64_t sub = static_cast<std::uint64_t>(b % kSub);
        const std::uint64_t lower = (static_cast<std::uint64_t>(kSub) + sub) << (e - kSubBits);
        const std::uint64_t width = std::uint64_t{1} << (e - kSubBits);
        const std::uint64_t upper = lower + width - 1;
        return upper > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(upper);
    }

private:
    static void bump(std::atomic<std::int64_t>& a, std::int64_t n) noexcept {
        a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    // The 1-based rank of the per-mille quantile q among n values (nearest rank).
    static std::int64_t rank(std::int64_t n, std::int64_t q) noexcept {
        const std::int64_t r = (n * q + 999) / 1000;
        return r < 1 ? 1 : r;
    }

    std::array<std::atomic<std::int64_t>, kBuckets> buckets_{};
    std::atomic<std::int64_t> count_{0};
    std::atomic<std::int64_t> sum_{0};
    std::atomic<std::int64_t> max_{0};
    std::atomic<std::int64_t> drained_{0};  // values of the intervals already drained
};

}  // namespace trellis
