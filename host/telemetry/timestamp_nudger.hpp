#pragma once
// InfluxDB keys a point by (measurement, tag set, timestamp): a second point
// with the same key overwrites the first. Two events of one measurement in the
// same nanosecond would lose one, so each series (an event measurement, or one
// metric) keeps its timestamps strictly increasing: ts = max(ts, last + 1).
// The nudge is a few nanoseconds when events share a timestamp; an event
// older than the last one of its series moves up to just after it.

#include <cstdint>
#include <limits>
#include <vector>

#include "trellis/types.hpp"

namespace trellis::host::telemetry {

class TimestampNudger {
public:
    explicit TimestampNudger(std::size_t series) : last_(series, std::numeric_limits<Timestamp>::min()) {}

    // The timestamp to publish for a point of `series` (< the count given at construction) at `ts`.
    Timestamp next(std::size_t series, Timestamp ts) noexcept {
        Timestamp& last = last_[series];
        if (last != std::numeric_limits<Timestamp>::min() && ts <= last) {
            ts = last + 1;
            ++nudged_;
        }
        last = ts;
        return ts;
    }
    std::uint64_t nudged() const noexcept { return nudged_; }

private:
    std::vector<Timestamp> last_;
    std::uint64_t nudged_ = 0;
};

}  // namespace trellis::host::telemetry
