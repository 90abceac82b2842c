#pragma once
// One entry point for every format: detects the format when asked to, then
// opens the matching streaming reader.

#include <memory>

#include "marketdata/instrument_table.hpp"
#include "marketdata/market_data_source.hpp"
#include "marketdata/source_options.hpp"

namespace trellis::host {

// Opens options.path. `instruments` maps symbols to ids (readers may add to it
// when its policy allows) and must outlive the source.
Result<std::unique_ptr<MarketDataSource>> open_source(const SourceOptions& options, InstrumentTable& instruments);

}  // namespace trellis::host
