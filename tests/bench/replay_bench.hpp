#pragma once
// The replay benchmarks: scan (read-only pass: the ceiling), noop (kernel +
// a strategy that does nothing), market_maker (market maker + simulated
// exchange, loaded as plugins exactly as a backtest loads them).

#include <cstdint>
#include <string>
#include <vector>

#include "bench_data.hpp"

namespace trellis::bench {

struct BenchResult {
    std::string name;
    std::uint64_t events = 0;
    std::vector<double> wall_s;  // one per run
    std::vector<double> cpu_s;   // market_maker: the engine thread's CPU time, one per run
    std::uint64_t orders = 0;
    std::uint64_t fills = 0;
    std::uint64_t published_points = 0;  // telemetry runs: points published, all runs together
    std::uint64_t dropped_events = 0;    // telemetry runs: events the queue refused, all runs together
    double median_wall_s() const;
    double events_per_sec() const;
};

host::Result<BenchResult> bench_scan(const BenchData& data, int repeat);
host::Result<BenchResult> bench_noop(const BenchData& data, int repeat);
// With `telemetry`, the run publishes (metrics every simulated second, order/fill events) on an
// ephemeral loopback XPUB socket that nobody reads, as a live host with telemetry on would.
host::Result<BenchResult> bench_market_maker(const BenchData& data, int repeat, bool telemetry = false);

}  // namespace trellis::bench
