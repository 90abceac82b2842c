#include "marketdata/coinbase_source.hpp"

#include "marketdata/csv_fields.hpp"
#include "util/decimal.hpp"
#include "util/time_text.hpp"

namespace trellis::host {

Result<std::unique_ptr<CoinbaseSource>> CoinbaseSource::open(const SourceOptions& options,
                                                             InstrumentTable& instruments) {
    auto lines = LineReader::open(options.path);
    if (!lines) return std::unexpected(lines.error());
    return std::unique_ptr<CoinbaseSource>(new CoinbaseSource(std::move(*lines), options, instruments));
}

CoinbaseSource::CoinbaseSource(LineReader lines, const SourceOptions& options, InstrumentTable& instruments)
    : RowEventSource(options.skip_bad_rows, 2 * options.book_depth + 1),
      lines_(std::move(lines)),
      instruments_(&instruments),
      only_product_(options.symbol),
      book_depth_(options.book_depth) {}

Result<bool> CoinbaseSource::read_row() {
    for (;;) {
        std::string_view line;
        auto more = lines_.next(line);
        if (!more || !*more) return more;
        if (is_blank(line)) continue;
        ++mutable_stats().rows;

        std::string problem = parse_coinbase_message(line, message_);
        if (problem.empty()) {
            auto converted = to_events();
            if (!converted) return std::unexpected(converted.error());
            problem = std::move(*converted);
        }
        if (!problem.empty()) {
            if (auto r = reject_row(lines_.path(), lines_.line_number(), problem); !r)
                return std::unexpected(r.error());
            continue;
        }
        return true;  // possibly without events (subscriptions, other products): next() reads on
    }
}

Result<std::string> CoinbaseSource::to_events() {
    const CoinbaseMessage& m = message_;
    const bool snapshot = m.type == "snapshot";
    if (m.type == "subscriptions") return std::string{};
    if (!snapshot && m.type != "l2update") {
        if (m.type.empty()) return std::string("message has no \"type\"");
        return "unknown message type '" + m.type + "' (expected subscriptions, snapshot or l2update)";
    }
    if (m.product_id.empty()) return "a " + m.type + " message needs a \"product_id\"";
    if (!only_product_.empty() && m.product_id != only_product_) return std::string{};
    if (m.time.empty()) return "a " + m.type + " message needs a \"time\"";
    const auto ts = parse_timestamp(m.time);
    if (!ts) return "time " + ts.error().message;
    if (!m.has_levels)
        return std::string(snapshot ? "a snapshot needs \"bids\" and \"asks\"" : "an l2update needs \"changes\"");

    auto instrument = instrument_of(m.product_id);
    if (!instrument) return std::unexpected(instrument.error());
    const InstrumentSpec& spec = instruments_->at(*instrument);

    // Pass 1: text → events. Nothing touches the book until the whole message is valid.
    for (std::size_t i = 0; i < m.levels.size(); ++i) {
        const RawLevelChange& change = m.levels[i];
        const auto price = parse_decimal(change.price.view(), spec.price_decimals);
        if (!price)
            return "price " + quoted(change.price.view()) + " " +
                   decimal_problem(price.error(), spec.price_decimals, "price_decimals");
        const auto qty = parse_decimal(change.size.view(), spec.qty_decimals);
        if (!qty)
            return "size " + quoted(change.size.view()) + " " +
                   decimal_problem(qty.error(), spec.qty_decimals, "qty_decimals");
        if (*price <= 0) return "price " + quoted(change.price.view()) + " is not positive";
        if (*qty < 0) return "size " + quoted(change.size.view()) + " is negative";
        MarketEvent& event = pending().push();
        event.ts = event.recv_ts = *ts;
        event.instrument = *instrument;
        event.type = MarketEventType::BookLevel;
        event.side = change.side;
        event.flags = snapshot ? kFlagSnapshot : kFlagNone;
        event.level = LevelPayload{Price{*price}, Quantity{*qty}};
    }

    // Pass 2: apply to the book and derive the quote.
    ProductBook& book = book_of(*instrument);
    if (snapshot) {
        book.bids.clear();
        book.asks.clear();
    }
    for (const MarketEvent& event : pending().events())
        (event.side == Side::Buy ? book.bids : book.asks).set(event.level.price, event.level.qty);

    QuotePayload quote{};
    if (!book.bids.empty()) {
        quote.bid = book.bids.best_price();
        quote.bid_qty = book.bids.best_qty();
    }
    if (!book.asks.empty()) {
        quote.ask = book.asks.best_price();
        quote.ask_qty = book.asks.best_qty();
    }
    if (book.quotes.changed(quote)) {
        MarketEvent& q = pending().push();
        q.ts = q.recv_ts = *ts;
        q.instrument = *instrument;
        q.type = MarketEventType::Quote;
        q.quote = quote;
    }
    return std::string{};
}

Result<InstrumentId> CoinbaseSource::instrument_of(std::string_view product_id) {
    if (cached_instrument_ != kNoInstrument && product_id == cached_product_) return cached_instrument_;
    auto id = instruments_->resolve(product_id, kCoinbaseDefaults);
    if (!id) return fail(lines_.path() + ":" + std::to_string(lines_.line_number()) + ": " + id.error().message);
    cached_product_.assign(product_id);
    cached_instrument_ = *id;
    return *id;
}

CoinbaseSource::ProductBook& CoinbaseSource::book_of(InstrumentId id) {
    if (books_.size() <= id) books_.resize(std::size_t(id) + 1);  // a new product: once per product
    if (!books_[id]) books_[id] = std::make_unique<ProductBook>(book_depth_);
    return *books_[id];
}

}  // namespace trellis::host
