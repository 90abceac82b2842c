#pragma once
// The telemetry benchmarks:
//   telemetry.encode        line-protocol points/s on one core (the writer's encoder)
//   telemetry.influx_ratio  trellis-influx's throughput into a local influxd ÷ a raw bulk POST of the same
//                           pre-encoded points into the same influxd, in the same run
//   telemetry.overhead      market-maker replay events/s with telemetry publishing on ÷ off

#include <cstdint>

#include "replay_bench.hpp"

namespace trellis::bench {

// Encodes `points` realistic points (metric samples and order events, as the
// publisher shapes them) `repeat` times; BenchResult::events = points.
host::Result<BenchResult> bench_encode(std::uint64_t points, int repeat);

}  // namespace trellis::bench
