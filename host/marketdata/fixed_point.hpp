#pragma once
// Exact changes of fixed-point scale. Source files come at their own scale
// (LOBSTER: dollars × 10^4); the instrument may use another one. We convert
// only when no digit is lost and the result fits.

#include <cstdint>
#include <limits>
#include <optional>

#include "trellis/types.hpp"

namespace trellis::host {

// value × 10^(to - from), or nullopt if that would drop a nonzero digit or overflow.
constexpr std::optional<std::int64_t> rescale_exact(std::int64_t value, int from_decimals, int to_decimals) noexcept {
    if (to_decimals >= from_decimals) {
        const std::int64_t factor = pow10(to_decimals - from_decimals);
        constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
        if (value > kMax / factor || value < -(kMax / factor)) return std::nullopt;
        return value * factor;
    }
    const std::int64_t divisor = pow10(from_decimals - to_decimals);
    if (value % divisor != 0) return std::nullopt;
    return value / divisor;
}

}  // namespace trellis::host
