#include "dip_buyer_params.hpp"

#include <stdexcept>

#include "trellis/units.hpp"

namespace trellis::dip_buyer {

DipBuyerConfig read_config(const Params& params) {
    DipBuyerConfig c;
    c.symbol = params.get_string("symbol");
    c.order_size = params.get_float("order_size");
    c.dip_ticks = params.get_int("dip_ticks");
    c.window = duration_from_seconds(params.get_float("window_s"));
    c.window_capacity = params.get_int("window_capacity");
    c.take_profit_ticks = params.get_int("take_profit_ticks");
    c.stop_loss_ticks = params.get_int("stop_loss_ticks");
    c.timeout = duration_from_seconds(params.get_float("timeout_s"));
    c.cooldown = duration_from_seconds(params.get_float("cooldown_s"));
    c.reject_backoff = duration_from_seconds(params.get_float("reject_backoff_s"));

    const std::string entry = params.get_string("entry_order");
    if (entry == "limit")
        c.entry_order = EntryOrder::Limit;
    else if (entry == "market")
        c.entry_order = EntryOrder::Market;
    else
        throw std::invalid_argument("dip_buyer: params.entry_order = '" + entry +
                                    "' is not an order type; use 'limit' (IOC at the best ask) or 'market'");

    if (c.symbol.empty()) throw std::invalid_argument("dip_buyer: params.symbol is empty; name the instrument");
    if (c.order_size <= 0)
        throw std::invalid_argument("dip_buyer: params.order_size must be positive (instrument units)");
    if (c.dip_ticks < 1 || c.take_profit_ticks < 1 || c.stop_loss_ticks < 1)
        throw std::invalid_argument("dip_buyer: dip_ticks, take_profit_ticks and stop_loss_ticks must be at least 1");
    if (c.window <= 0 || c.timeout <= 0)
        throw std::invalid_argument("dip_buyer: window_s and timeout_s must be positive");
    if (c.window_capacity < 2) throw std::invalid_argument("dip_buyer: window_capacity must be at least 2");
    return c;
}

}  // namespace trellis::dip_buyer
