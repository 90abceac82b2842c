#pragma once
// Retry delays: exponential backoff with "full jitter" (AWS architecture
// blog, 2015): the n-th retry waits a uniform random time in
// [0, min(max, initial * 2^n)]. The randomness spreads the retries of many
// writers after an InfluxDB outage instead of having them all hit it at once.

#include <chrono>
#include <random>

namespace trellis::host::influx {

// min(max, initial * 2^retry); retry 0 is the first retry. Saturates instead of overflowing.
std::chrono::milliseconds backoff_ceiling(unsigned retry, std::chrono::milliseconds initial,
                                          std::chrono::milliseconds max) noexcept;

// A uniform draw in [0, backoff_ceiling(retry, initial, max)] from `rng`.
std::chrono::milliseconds full_jitter_backoff(unsigned retry, std::chrono::milliseconds initial,
                                              std::chrono::milliseconds max, std::mt19937_64& rng);

}  // namespace trellis::host::influx
