#pragma once
// The timestamp texts market-data files use, parsed without allocation:
// LOBSTER's date "2012-06-21" and Coinbase's "2024-01-22T17:07:47.835079Z".
// (Config has its own, richer RFC 3339 parser in config/time_text.hpp; the
// marketdata library sits below config and cannot use it.)

#include <optional>
#include <string>
#include <string_view>

#include "trellis/types.hpp"

namespace trellis::host {

inline constexpr Timestamp kNanosPerSecond = 1'000'000'000;
inline constexpr Timestamp kNanosPerDay = 86'400 * kNanosPerSecond;

// "YYYY-MM-DD" → midnight UTC of that day in ns since the epoch.
std::optional<Timestamp> parse_utc_date_ns(std::string_view text) noexcept;

// Offset of US Eastern time (NASDAQ's clock) from UTC during the trading hours
// of the day starting at `utc_midnight`: 4 h under daylight saving, else 5 h.
// US rules: since 2007 DST runs from the second Sunday of March to the first
// Sunday of November; 1987–2006 from the first Sunday of April to the last
// Sunday of October. The switch happens at 02:00, outside trading hours.
Duration us_eastern_offset_ns(Timestamp utc_midnight) noexcept;

// "YYYY-MM-DDTHH:MM:SS[.f…]Z" (0–9 fraction digits, "Z" or "+00:00") → ns since the epoch.
std::optional<Timestamp> parse_utc_time_ns(std::string_view text) noexcept;

// "2012-06-21 09:30:00.017460000 UTC" — for reports.
std::string format_utc_ns(Timestamp ts);

}  // namespace trellis::host
