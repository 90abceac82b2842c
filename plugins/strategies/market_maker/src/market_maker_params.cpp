#include "market_maker_params.hpp"

#include <stdexcept>

#include "trellis/units.hpp"

namespace trellis::market_maker {

MarketMakerConfig read_config(const Params& params) {
    MarketMakerConfig c;
    c.symbol = params.get_string("symbol");
    c.order_size = params.get_float("order_size");
    c.max_inventory = params.get_float("max_inventory");
    c.half_spread_ticks = params.get_int("half_spread_ticks");
    c.gamma = params.get_float("gamma");
    c.kappa = params.get_float("kappa");
    c.horizon_s = params.get_float("horizon_s");
    c.volatility_halflife_s = params.get_float("volatility_halflife_s");
    c.initial_volatility_ticks = params.get_float("initial_volatility_ticks");
    c.requote_ticks = params.get_int("requote_ticks");
    c.reject_backoff = duration_from_seconds(params.get_float("reject_backoff_s"));

    if (c.symbol.empty()) throw std::invalid_argument("market_maker: params.symbol is empty; name the instrument");
    if (c.order_size <= 0)
        throw std::invalid_argument("market_maker: params.order_size must be positive (instrument units)");
    if (c.max_inventory < c.order_size)
        throw std::invalid_argument("market_maker: params.max_inventory (" + format_number(c.max_inventory) +
                                    ") is smaller than params.order_size (" + format_number(c.order_size) +
                                    "), so no quote could ever be placed; raise max_inventory to at least order_size");
    if (c.gamma <= 0 || c.kappa <= 0 || c.horizon_s <= 0 || c.volatility_halflife_s <= 0)
        throw std::invalid_argument(
            "market_maker: gamma, kappa, horizon_s and volatility_halflife_s must all be positive");
    if (c.half_spread_ticks < 1 || c.requote_ticks < 1)
        throw std::invalid_argument("market_maker: half_spread_ticks and requote_ticks must be at least 1");
    return c;
}

}  // namespace trellis::market_maker
