#pragma once
// What it takes to open one market-data file: the fields of a [[backtest.sources]]
// entry, plus reader tuning. The instrument table is passed beside it.

#include <cstddef>
#include <string>

#include "config/config.hpp"

namespace trellis::host {

struct SourceOptions {
    std::string path;
    DataFormat format = DataFormat::Auto;
    std::string symbol;             // lobster, binance: the instrument; empty = from the file name
    std::string orderbook;          // lobster: orderbook file; empty = derived from path
    std::string date;               // lobster: YYYY-MM-DD; empty = from the file name
    bool skip_bad_rows = false;     // count and skip malformed rows instead of failing
    std::size_t book_depth = 1024;  // coinbase: price levels kept per side to derive quotes

    static SourceOptions from_config(const SourceConfig& config) {
        SourceOptions options;
        options.path = config.path;
        options.format = config.format;
        options.symbol = config.symbol;
        options.orderbook = config.orderbook;
        options.date = config.date;
        options.skip_bad_rows = config.skip_bad_rows;
        return options;
    }
};

}  // namespace trellis::host
