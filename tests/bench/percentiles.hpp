#pragma once
// Latency percentiles from a vector of samples (ns).

#include <algorithm>
#include <cstdint>
#include <vector>

namespace trellis::bench {

struct Percentiles {
    std::int64_t p50 = 0, p99 = 0, p999 = 0;
    std::size_t count = 0;
};

// Nearest-rank percentiles; sorts `samples`.
inline Percentiles percentiles(std::vector<std::int64_t>& samples) {
    Percentiles p;
    p.count = samples.size();
    if (samples.empty()) return p;
    std::sort(samples.begin(), samples.end());
    auto rank = [&](double q) {
        const auto i = std::size_t(q * double(samples.size() - 1) + 0.5);
        return samples[std::min(i, samples.size() - 1)];
    };
    p.p50 = rank(0.50);
    p.p99 = rank(0.99);
    p.p999 = rank(0.999);
    return p;
}

}  // namespace trellis::bench
