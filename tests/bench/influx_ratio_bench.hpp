#pragma once
// telemetry.influx_ratio: the same points written into one local influxd two
// ways in the same run — trellis-influx's whole path (wire messages over
// ZeroMQ -> decode -> gap check -> line protocol -> batch -> gzip -> POST) and
// a raw bulk POST of the already-encoded lines — and the ratio of the two
// throughputs. The influxd is started by the benchmark (tests/support).

#include <cstdint>
#include <vector>

#include "util/error.hpp"

namespace trellis::bench {

struct InfluxRatioResult {
    std::uint64_t points = 0;
    bool gzip = false;             // did trellis-influx compress its POSTs
    std::vector<double> raw_s;     // wall seconds per run, raw bulk POST
    std::vector<double> writer_s;  // wall seconds per run, trellis-influx
    double raw_points_per_sec() const;
    double writer_points_per_sec() const;
    double ratio() const;  // writer ÷ raw (medians)
};

// `points` is rounded up to a multiple of the writer's batch (5,000).
// `force_gzip`: compress even though influxd is local (trellis-influx's default, "auto", does not).
host::Result<InfluxRatioResult> bench_influx_ratio(std::uint64_t points, int repeat, bool force_gzip = false);

}  // namespace trellis::bench
