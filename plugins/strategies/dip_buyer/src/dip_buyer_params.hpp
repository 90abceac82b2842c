#pragma once
// The dip buyer's parameter schema and the typed configuration built from it.

#include <cstdint>
#include <string>

#include "trellis/params.hpp"
#include "trellis/types.hpp"

namespace trellis::dip_buyer {

/// Parameter schema. Units: prices in ticks, sizes in instrument units, times in seconds.
inline constexpr ParamSpec kParams[] = {
    {"symbol", ParamType::String, nullptr, "instrument to trade, e.g. AMZN"},
    {"order_size", ParamType::Float, nullptr, "size of each entry in instrument units; a whole number of lots", 0.0},
    {"dip_ticks", ParamType::Int, "10", "buy when the mid is this many ticks below its rolling high", 1.0, 1e6},
    {"window_s", ParamType::Float, "60", "length of the rolling-high window, seconds", 1e-6, 1e7},
    {"window_capacity", ParamType::Int, "4096",
     "entries preallocated for the rolling high; covers a fall of (capacity-1)/2 ticks inside one window", 2.0,
     16777216.0},
    {"take_profit_ticks", ParamType::Int, "10", "sell when the best bid is this many ticks above the average entry",
     1.0, 1e6},
    {"stop_loss_ticks", ParamType::Int, "10", "sell when the best bid is this many ticks below the average entry", 1.0,
     1e6},
    {"timeout_s", ParamType::Float, "300", "sell after this long in the position, seconds", 1e-6, 1e7},
    {"cooldown_s", ParamType::Float, "60", "no new entry for this long after the position is closed, seconds", 0.0,
     1e7},
    {"entry_order", ParamType::String, "limit",
     "'limit': immediate-or-cancel limit at the best ask; 'market': market order"},
    {"reject_backoff_s", ParamType::Float, "1",
     "after a rejected order or an entry that filled nothing, wait this long before trying again, seconds", 0.0,
     3600.0},
};

/// How an entry is sent.
enum class EntryOrder : std::uint8_t { Limit = 0, Market = 1 };

struct DipBuyerConfig {
    std::string symbol;
    double order_size = 0;
    std::int64_t dip_ticks = 0;
    Duration window = 0;
    std::int64_t window_capacity = 0;
    std::int64_t take_profit_ticks = 0;
    std::int64_t stop_loss_ticks = 0;
    Duration timeout = 0;
    Duration cooldown = 0;
    EntryOrder entry_order = EntryOrder::Limit;
    Duration reject_backoff = 0;
};

/// Reads validated params; throws std::invalid_argument for values the schema
/// cannot express (entry_order spelling) or combinations that cannot work.
DipBuyerConfig read_config(const Params& params);

}  // namespace trellis::dip_buyer
