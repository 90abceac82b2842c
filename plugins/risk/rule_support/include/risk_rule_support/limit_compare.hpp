#pragma once
// Inclusive comparison of a measured amount against a limit when both are
// doubles that stand for decimal amounts. The host sums equity in doubles, so
// a loss of exactly 1000.10 may arrive as 1000.0999999999999; a limit stated
// in the config must still trip exactly at its boundary. The tolerance leans
// toward breaching (fail safe) and is far below any amount a user states.

#include <algorithm>
#include <cmath>

namespace trellis::risk {

/// Relative slack allowed for double rounding.
inline constexpr double kLimitTolerance = 1e-9;

/// True when `value` has reached `limit` (value >= limit, within rounding noise).
inline bool reaches(double value, double limit) noexcept {
    return value >= limit - kLimitTolerance * std::max(1.0, std::fabs(limit));
}

}  // namespace trellis::risk
