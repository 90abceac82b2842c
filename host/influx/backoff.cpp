#include "influx/backoff.hpp"

#include <algorithm>

namespace trellis::host::influx {

std::chrono::milliseconds backoff_ceiling(unsigned retry, std::chrono::milliseconds initial,
                                          std::chrono::milliseconds max) noexcept {
    if (initial.count() <= 0 || max.count() <= 0) return std::chrono::milliseconds{0};
    auto ceiling = std::min(initial, max);
    for (unsigned i = 0; i < retry && ceiling < max; ++i) ceiling = std::min(ceiling * 2, max);
    return ceiling;
}

std::chrono::milliseconds full_jitter_backoff(unsigned retry, std::chrono::milliseconds initial,
                                              std::chrono::milliseconds max, std::mt19937_64& rng) {
    const auto ceiling = backoff_ceiling(retry, initial, max).count();
    std::uniform_int_distribution<std::chrono::milliseconds::rep> draw(0, ceiling);
    return std::chrono::milliseconds{draw(rng)};
}

}  // namespace trellis::host::influx
