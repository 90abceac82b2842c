#pragma once
// Binance USDⓈ-M futures bookTicker dump reader: one Quote per row. Columns
// update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,
// transaction_time,event_time (times in ms since the epoch). Decimals are
// parsed exactly at the instrument's scale; a value finer than that is refused.

#include <memory>

#include "marketdata/csv_data_lines.hpp"
#include "marketdata/instrument_table.hpp"
#include "marketdata/row_event_source.hpp"
#include "marketdata/source_options.hpp"

namespace trellis::host {

class BinanceSource final : public RowEventSource {
public:
    // Uses options.path, symbol (default: the file name up to its first '-'), skip_bad_rows.
    static Result<std::unique_ptr<BinanceSource>> open(const SourceOptions& options, InstrumentTable& instruments);

    InstrumentId instrument() const noexcept { return instrument_; }
    double progress() const override { return lines_.reader().progress(); }  // bytes consumed / file size

private:
    BinanceSource(CsvDataLines lines, const InstrumentSpec& spec, bool skip_bad_rows);

    Result<bool> read_row() override;
    std::string parse(std::string_view line, MarketEvent& event) const;  // empty on success, else why not

    CsvDataLines lines_;
    InstrumentId instrument_;
    int price_decimals_;
    int qty_decimals_;
};

}  // namespace trellis::host
