#pragma once
/// @file metrics.hpp
/// Metric cells a plugin updates from the engine thread; a telemetry thread
/// may read them concurrently, hence relaxed atomics (no locks, no allocation).

#include <atomic>
#include <bit>
#include <cstdint>

namespace trellis {

/// A monotonically increasing count.
class Counter {
public:
    /// Adds n (default 1).
    void add(std::int64_t n = 1) noexcept { v_.fetch_add(n, std::memory_order_relaxed); }
    /// Current value.
    std::int64_t value() const noexcept { return v_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::int64_t> v_{0};
};

/// A value that goes up and down.
class Gauge {
public:
    /// Sets the value.
    void set(double x) noexcept { v_.store(std::bit_cast<std::uint64_t>(x), std::memory_order_relaxed); }
    /// Current value.
    double value() const noexcept { return std::bit_cast<double>(v_.load(std::memory_order_relaxed)); }

private:
    std::atomic<std::uint64_t> v_{0};
};

}  // namespace trellis
