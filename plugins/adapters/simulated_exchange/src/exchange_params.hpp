#pragma once
// The plugin's parameter schema and its translation into ExchangeConfig.

#include "exchange_config.hpp"
#include "trellis/params.hpp"

namespace trellis::simex {

inline constexpr ParamSpec kParams[] = {
    {"maker_fee_bps", ParamType::Float, "0",
     "fee on maker (resting) fills, basis points of notional; negative = rebate", -100.0, 100.0},
    {"taker_fee_bps", ParamType::Float, "0",
     "fee on taker (aggressive) fills, basis points of notional; negative = rebate", -100.0, 100.0},
    {"queue_model", ParamType::String, "auto",
     "queue position model: auto (exact once L3 order events are seen, else probabilistic), exact, probabilistic"},
    {"queue_power", ParamType::Float, "2.0",
     "n in f(x)=x^n splitting unexplained size drops between the queue ahead and behind (probabilistic model)", 0.0,
     10.0},
    {"max_open_orders", ParamType::Int, "4096",
     "resting orders the venue holds; beyond it new orders are rejected too_many_open_orders", 1.0, 1'000'000.0},
    {"max_tracked_venue_orders", ParamType::Int, "65536",
     "L3 venue orders that joined our price levels after us, tracked for the exact queue model", 16.0, 10'000'000.0},
    {"max_tracked_levels", ParamType::Int, "65536",
     "price levels whose visible size is tracked from L2/L3 data (queue position deeper than the best)", 16.0,
     10'000'000.0},
};

/// Reads the parameters (absent keys take the schema default); throws
/// std::invalid_argument naming the key and the accepted values when one is unusable.
ExchangeConfig parse_exchange_config(const Params& params);

}  // namespace trellis::simex
