#pragma once
// The market maker's parameter schema (what the host validates and documents)
// and the typed configuration the strategy is built from.

#include <cstdint>
#include <string>

#include "trellis/params.hpp"
#include "trellis/types.hpp"

namespace trellis::market_maker {

/// Parameter schema. Units: prices in ticks of the instrument, sizes in
/// instrument units (shares, BTC), times in seconds. See README.md.
inline constexpr ParamSpec kParams[] = {
    {"symbol", ParamType::String, nullptr, "instrument to quote, e.g. AMZN"},
    {"order_size", ParamType::Float, nullptr,
     "size of each quote in instrument units (shares, BTC); a whole number of lots", 0.0},
    {"max_inventory", ParamType::Float, nullptr,
     "largest absolute position in instrument units; a side whose fill could exceed it is not quoted", 0.0},
    {"half_spread_ticks", ParamType::Int, "1", "minimum distance of each quote from the reservation price, ticks", 1.0,
     1e6},
    {"gamma", ParamType::Float, "0.01", "risk aversion γ, 1/ticks (inventory measured in clips of order_size)", 1e-9,
     1e6},
    {"kappa", ParamType::Float, "1.5", "order-book liquidity κ: fill intensity decays as exp(-κ·distance in ticks)",
     1e-9, 1e6},
    {"horizon_s", ParamType::Float, "10", "rolling horizon τ = T-t in the formulas, seconds", 1e-6, 1e7},
    {"volatility_halflife_s", ParamType::Float, "60", "half-life of the EWMA of squared mid changes, seconds", 1e-6,
     1e7},
    {"initial_volatility_ticks", ParamType::Float, "1",
     "σ assumed before any mid change, ticks per √second; decays out with the half-life", 0.0, 1e6},
    {"requote_ticks", ParamType::Int, "2", "move a live quote only when the wanted price differs by this many ticks",
     1.0, 1e6},
    {"reject_backoff_s", ParamType::Float, "0.1",
     "after a rejected order or request, that side waits this long and retries on a later quote, seconds", 0.0, 3600.0},
};

/// Typed parameters, in the units of the schema (conversion to raws needs the
/// instrument and happens in start()).
struct MarketMakerConfig {
    std::string symbol;
    double order_size = 0;
    double max_inventory = 0;
    std::int64_t half_spread_ticks = 1;
    double gamma = 0;
    double kappa = 0;
    double horizon_s = 0;
    double volatility_halflife_s = 0;
    double initial_volatility_ticks = 0;
    std::int64_t requote_ticks = 1;
    Duration reject_backoff = 0;
};

/// Reads validated params; throws std::invalid_argument for combinations that
/// each pass the schema but cannot work together.
MarketMakerConfig read_config(const Params& params);

}  // namespace trellis::market_maker
