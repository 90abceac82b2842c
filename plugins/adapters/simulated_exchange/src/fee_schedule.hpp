#pragma once
// Maker/taker fees in exact integer arithmetic.
//
// A rate is configured in basis points as a float (e.g. -0.2) and stored as an
// integer count of micro-basis-points (1e-6 bp), rounded to nearest once at
// configuration. A fill's fee is
//     fee = ceil(notional × rate_micro_bps / 10^10)      (10^4 bp × 10^6 micro)
// in Money units (price_raw × qty_raw), computed with a 128-bit intermediate.
// Rounding toward +infinity is the venue-favourable rule and is deterministic:
// a charge is rounded up, a rebate (negative fee) is rounded toward zero.

#include <cmath>
#include <cstdint>

#include "trellis/order.hpp"
#include "trellis/types.hpp"

namespace trellis::simex {

// 128-bit integers are a GCC/Clang extension; __extension__ keeps -Wpedantic quiet about it.
__extension__ using Int128 = __int128;

/// A fee rate in micro-basis-points.
struct FeeRate {
    std::int64_t micro_bps = 0;

    /// Rate from basis points, rounded to the nearest micro-basis-point.
    static FeeRate from_bps(double bps) noexcept { return {static_cast<std::int64_t>(std::llround(bps * 1e6))}; }

    /// Fee of one fill in Money units (negative = rebate).
    Money fee(Price price, Quantity qty) const noexcept {
        constexpr Int128 kDivisor = 10'000'000'000;  // 10^4 bp per unit × 10^6 micro-bp per bp
        const Int128 scaled = static_cast<Int128>(price.raw) * qty.raw * micro_bps;
        Int128 q = scaled / kDivisor;  // truncates toward zero
        if (scaled % kDivisor != 0 && scaled > 0) ++q;
        return static_cast<Money>(q);
    }
};

/// The two rates a venue charges.
struct FeeSchedule {
    FeeRate maker;
    FeeRate taker;

    Money fee(Liquidity liquidity, Price price, Quantity qty) const noexcept {
        return (liquidity == Liquidity::Maker ? maker : taker).fee(price, qty);
    }
};

}  // namespace trellis::simex
