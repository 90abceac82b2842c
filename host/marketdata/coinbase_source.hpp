#pragma once
// Coinbase Exchange level2 websocket capture (one JSON message per line).
// "subscriptions" is ignored; "snapshot" becomes one BookLevel (kFlagSnapshot)
// per level; "l2update" one BookLevel per change (size 0 removes the level).
// After each message, a Quote if that product's best bid/ask changed. The
// reader keeps each product's book to options.book_depth levels a side.

#include <memory>
#include <vector>

#include "marketdata/coinbase_message.hpp"
#include "marketdata/instrument_table.hpp"
#include "marketdata/line_reader.hpp"
#include "marketdata/price_levels.hpp"
#include "marketdata/quote_tracker.hpp"
#include "marketdata/row_event_source.hpp"
#include "marketdata/source_options.hpp"

namespace trellis::host {

class CoinbaseSource final : public RowEventSource {
public:
    // Uses options.path, skip_bad_rows, book_depth, and symbol: when set, only
    // that product is read and the others are passed over.
    static Result<std::unique_ptr<CoinbaseSource>> open(const SourceOptions& options, InstrumentTable& instruments);

    double progress() const override { return lines_.progress(); }  // bytes consumed / file size

private:
    struct ProductBook {
        explicit ProductBook(std::size_t depth) : bids(Side::Buy, depth), asks(Side::Sell, depth) {}
        PriceLevels bids;
        PriceLevels asks;
        QuoteTracker quotes;
    };

    CoinbaseSource(LineReader lines, const SourceOptions& options, InstrumentTable& instruments);

    Result<bool> read_row() override;
    // Turns the parsed message into events; an empty string on success, else why not.
    // A configuration problem (unknown product) is returned as an error instead.
    Result<std::string> to_events();
    Result<InstrumentId> instrument_of(std::string_view product_id);
    ProductBook& book_of(InstrumentId id);

    LineReader lines_;
    InstrumentTable* instruments_;
    std::string only_product_;  // empty = all products
    std::size_t book_depth_;
    CoinbaseMessage message_;
    std::string cached_product_;  // last product_id resolved, to skip the table lookup
    InstrumentId cached_instrument_ = kNoInstrument;
    std::vector<std::unique_ptr<ProductBook>> books_;  // by instrument id
};

}  // namespace trellis::host
