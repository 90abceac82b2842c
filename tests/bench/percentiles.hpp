#pragma once
// Latency percentiles from a vector of samples (ns), and the median of a few runs' figures.

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

// The median (mean of the middle two for an even count; 0 for none).
inline double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

}  // namespace trellis::bench
