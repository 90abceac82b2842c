#pragma once
// Dates, timestamps and durations as people (configuration) and data files
// (LOBSTER's trading day, Coinbase's message times) write them: one parser
// for both. Parsing is exact — a value that is not a whole number of
// nanoseconds is refused, never rounded — and allocates nothing on success,
// because the Coinbase reader parses a timestamp per message. Error messages
// quote the input and say how to write it.
//
// Timestamps are int64 nanoseconds since the epoch, UTC, which covers
// 1677-09-21 .. 2262-04-11; dates are therefore limited to the whole years
// 1678..2261 so that every date has a midnight timestamp.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::host {

inline constexpr Timestamp kNanosPerMilli = 1'000'000;
inline constexpr Timestamp kNanosPerSecond = 1'000'000'000;
inline constexpr Timestamp kNanosPerDay = 86'400 * kNanosPerSecond;

// A calendar date and wall-clock time at an offset from UTC, field by field
// as written (RFC 3339, or a TOML offset date-time).
struct CivilTime {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;  // 60 is a leap second: it counts as the next minute's 00
    std::uint32_t nanosecond = 0;
    int offset_minutes = 0;  // local time minus UTC: +02:00 is 120
};

// A valid calendar date in 1678..2261. The error is a fragment to follow the
// quoted value: "is not a valid calendar date".
Result<std::chrono::sys_days> civil_day(int year, unsigned month, unsigned day);

// `time` as nanoseconds since the epoch, UTC. The error is a fragment to
// follow the quoted value, like civil_day's.
Result<Timestamp> utc_ns(const CivilTime& time);

// 00:00 UTC of a day from civil_day / parse_date, in ns since the epoch.
constexpr Timestamp midnight_utc_ns(std::chrono::sys_days day) noexcept {
    return Timestamp(day.time_since_epoch().count()) * kNanosPerDay;
}

// A calendar date written exactly as YYYY-MM-DD ("2012-06-21").
Result<std::chrono::sys_days> parse_date(std::string_view text);

// An RFC 3339 date-time with an offset: "2012-06-21T09:30:00Z",
// "2012-06-21 11:30:00.5+02:00", "2024-01-22T17:07:47.835079Z" (T, t or a
// space between date and time; Z, z or ±HH:MM; a fraction of up to 9 digits
// beyond which only zeros may follow). A time without an offset is refused:
// results must not depend on the machine's time zone.
Result<Timestamp> parse_timestamp(std::string_view text);

// "250us", "1.5ms", "2s", "1m", "100ns", "1h" (also "µs"; blanks around the
// number and unit are allowed). A unit is required. May be negative; callers
// check ranges.
Result<Duration> parse_duration(std::string_view text);

// "2012-06-21"
std::string format_date(std::chrono::sys_days day);

// "2012-06-21 09:30:00.017460000 UTC" — for reports.
std::string format_utc_ns(Timestamp ts);

}  // namespace trellis::host
