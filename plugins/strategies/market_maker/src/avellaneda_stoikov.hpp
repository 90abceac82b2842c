#pragma once
// The Avellaneda–Stoikov quoting formulas with a rolling horizon. Prices are
// measured in ticks and inventory in clips of order_size, which makes γ and κ
// independent of the instrument's price scale and size unit (README.md).

#include <cstdint>

namespace trellis::market_maker {

/// Bid and ask on the tick grid, in ticks (price raw / tick raw).
struct QuoteTicks {
    std::int64_t bid = 0;
    std::int64_t ask = 0;
};

class AvellanedaStoikov {
public:
    /// gamma: risk aversion (1/ticks); kappa: book liquidity (1/ticks);
    /// horizon_s: τ = T − t (seconds, rolling); min_half_spread_ticks: floor of δ/2.
    AvellanedaStoikov(double gamma, double kappa, double horizon_s, double min_half_spread_ticks) noexcept;

    /// r = mid − q·γ·σ²·τ   (ticks)
    double reservation_price(double mid_ticks, double inventory_clips, double variance) const noexcept;
    /// δ/2 = max(min_half_spread, (γ·σ²·τ + (2/γ)·ln(1 + γ/κ)) / 2)   (ticks)
    double half_spread(double variance) const noexcept;
    /// bid = floor(r − δ/2), ask = ceil(r + δ/2); always bid < ask.
    QuoteTicks quote(double mid_ticks, double inventory_clips, double variance) const noexcept;

private:
    double gamma_tau_;        // γ·τ
    double liquidity_term_;   // (2/γ)·ln(1 + γ/κ): constant for a run, computed once
    double min_half_spread_;  // ticks
};

}  // namespace trellis::market_maker
