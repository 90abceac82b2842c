#include "avellaneda_stoikov.hpp"

#include <algorithm>
#include <cmath>

namespace trellis::market_maker {

namespace {
// A price within this many ticks of a grid price counts as on the grid: the
// doubles carry ~1e-12 relative error, and without the tolerance a price that is
// exactly on a tick by hand arithmetic could floor one tick too low.
constexpr double kGridTolerance = 1e-7;
}  // namespace

AvellanedaStoikov::AvellanedaStoikov(double gamma, double kappa, double horizon_s,
                                     double min_half_spread_ticks) noexcept
    : gamma_tau_(gamma * horizon_s),
      liquidity_term_(2.0 / gamma * std::log1p(gamma / kappa)),
      min_half_spread_(min_half_spread_ticks) {}

double AvellanedaStoikov::reservation_price(double mid_ticks, double inventory_clips, double variance) const noexcept {
    return mid_ticks - inventory_clips * gamma_tau_ * variance;
}

double AvellanedaStoikov::half_spread(double variance) const noexcept {
    return std::max(min_half_spread_, (gamma_tau_ * variance + liquidity_term_) / 2.0);
}

QuoteTicks AvellanedaStoikov::quote(double mid_ticks, double inventory_clips, double variance) const noexcept {
    const double r = reservation_price(mid_ticks, inventory_clips, variance);
    const double h = half_spread(variance);
    // h >= min_half_spread >= 1 tick > 0, so floor(r − h) < r < ceil(r + h): never a locked pair.
    return {std::int64_t(std::floor(r - h + kGridTolerance)), std::int64_t(std::ceil(r + h - kGridTolerance))};
}

}  // namespace trellis::market_maker
