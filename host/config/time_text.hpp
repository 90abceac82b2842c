#pragma once
// Durations, timestamps and dates as people write them in configuration.
// Parsing is exact: "1.5ms" is 1'500'000 ns, and a value that is not a whole
// number of nanoseconds is refused instead of being rounded.

#include <chrono>
#include <string_view>

#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::host {

// "250us", "1.5ms", "2s", "1m", "100ns", "1h" (also "µs"; spaces before the
// unit are allowed). A unit is required. May be negative; callers check ranges.
Result<Duration> parse_duration(std::string_view text);

// RFC 3339 date-time with an offset: "2012-06-21T09:30:00Z",
// "2012-06-21 11:30:00.5+02:00". Returns nanoseconds since the epoch, UTC.
Result<Timestamp> parse_timestamp(std::string_view text);

// A calendar date written exactly as YYYY-MM-DD ("2012-06-21").
Result<std::chrono::sys_days> parse_date(std::string_view text);

}  // namespace trellis::host
