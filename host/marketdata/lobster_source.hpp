#pragma once
// LOBSTER level-1 reader: a message file and its orderbook file in lockstep
// (orderbook row i is the book after message row i). Each message becomes one
// event (OrderAdd/OrderReduce/OrderDelete/Trade/Halt) and, when the best
// bid/ask changed, a Quote from the orderbook row. See
// data/samples/lobster/LOBSTER_SampleFiles_ReadMe.txt for the format.

#include <memory>

#include "marketdata/csv_data_lines.hpp"
#include "marketdata/instrument_table.hpp"
#include "marketdata/quote_tracker.hpp"
#include "marketdata/row_event_source.hpp"
#include "marketdata/source_options.hpp"

namespace trellis::host {

// LOBSTER writes prices as dollars × 10^4.
inline constexpr int kLobsterPriceDecimals = 4;

class LobsterSource final : public RowEventSource {
public:
    // Uses options.path (message file), orderbook, date, symbol, skip_bad_rows.
    static Result<std::unique_ptr<LobsterSource>> open(const SourceOptions& options, InstrumentTable& instruments);

    InstrumentId instrument() const noexcept { return instrument_; }
    // Bytes consumed of both files together: the orderbook file is several
    // times the message file, so it must count.
    double progress() const override;

private:
    struct Scale {
        int price_decimals;
        int qty_decimals;
    };
    LobsterSource(CsvDataLines messages, CsvDataLines orderbook, InstrumentId instrument, Scale scale,
                  Timestamp midnight, bool skip_bad_rows);

    Result<bool> read_row() override;
    // Each returns an empty reason on success, else why the row is malformed.
    std::string parse_message(std::string_view line, MarketEvent& event) const;
    std::string parse_orderbook(std::string_view line, QuotePayload& quote) const;

    CsvDataLines messages_;
    CsvDataLines orderbook_;
    InstrumentId instrument_;
    Scale scale_;
    Timestamp midnight_;  // 00:00 New York time of the file's trading day, in UTC ns since the epoch
    QuoteTracker quotes_;
};

}  // namespace trellis::host
