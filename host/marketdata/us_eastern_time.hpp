#pragma once
// LOBSTER stamps its messages in seconds after midnight on NASDAQ's wall
// clock (US Eastern time, 34200 s = the 09:30 open); Trellis runs on UTC.
// This is the one place that knows the US daylight-saving rules. Date and
// timestamp text in general is util/time_text.hpp.

#include <chrono>

#include "trellis/types.hpp"

namespace trellis::host {

// Offset of US Eastern time from UTC during the trading hours of `day`:
// 4 h under daylight saving, else 5 h.
// US rules: since 2007 DST runs from the second Sunday of March to the first
// Sunday of November; 1987–2006 from the first Sunday of April to the last
// Sunday of October. The switch happens at 02:00, outside trading hours.
Duration us_eastern_offset_ns(std::chrono::sys_days day) noexcept;

}  // namespace trellis::host
