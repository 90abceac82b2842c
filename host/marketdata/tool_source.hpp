#pragma once
// How the tools (inspect, convert) open a file without a config: the format is
// detected unless given, and instruments are added on first sight with the
// format's default scales (overridable).

#include <memory>
#include <optional>
#include <string>

#include "marketdata/instrument_table.hpp"
#include "marketdata/market_data_source.hpp"

namespace trellis::host {

struct ToolOptions {
    DataFormat format = DataFormat::Auto;
    std::string symbol;                          // instrument symbol; empty = from the file name (LOBSTER, Binance)
    std::string orderbook;                       // LOBSTER orderbook file; empty = beside the message file
    std::string date;                            // LOBSTER trading day YYYY-MM-DD; empty = from the file name
    std::optional<std::int32_t> price_decimals;  // override the format's default scale
    std::optional<std::int32_t> qty_decimals;
};

struct ToolSource {
    DataFormat format = DataFormat::Auto;  // as detected
    std::unique_ptr<MarketDataSource> source;
};

// An empty table that adds instruments on first sight, honouring the overrides.
InstrumentTable tool_instrument_table(const ToolOptions& options);

// Opens `path` for a tool. `instruments` must outlive the source.
Result<ToolSource> open_tool_source(const std::string& path, const ToolOptions& options, bool skip_bad_rows,
                                    InstrumentTable& instruments);

}  // namespace trellis::host
