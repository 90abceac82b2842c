#include "marketdata/lobster_source.hpp"

#include <array>

#include "marketdata/file_name_hints.hpp"
#include "marketdata/fixed_point.hpp"
#include "marketdata/us_eastern_time.hpp"
#include "util/decimal.hpp"
#include "util/time_text.hpp"

namespace trellis::host {

namespace {

// LOBSTER fills an empty side of the book with these dummy prices (and size 0).
constexpr std::int64_t kEmptyAskPrice = 9'999'999'999;
constexpr std::int64_t kEmptyBidPrice = -9'999'999'999;

// Message types (LOBSTER_SampleFiles_ReadMe.txt).
enum : std::int64_t {
    kSubmission = 1,
    kPartialCancel = 2,
    kDeletion = 3,
    kVisibleExecution = 4,
    kHiddenExecution = 5,
    kTradingHalt = 7,
};

// Halt rows carry their meaning in the price column.
enum : std::int64_t { kHaltStarts = -1, kQuotingResumes = 0, kTradingResumes = 1 };

}  // namespace

Result<std::unique_ptr<LobsterSource>> LobsterSource::open(const SourceOptions& options, InstrumentTable& instruments) {
    std::string orderbook_path = options.orderbook;
    if (orderbook_path.empty()) {
        auto derived = lobster_orderbook_path(options.path);
        if (!derived) return std::unexpected(derived.error());
        orderbook_path = std::move(*derived);
    }

    const std::string_view date_text = options.date.empty() ? lobster_date_from_name(options.path) : options.date;
    const auto day = parse_date(date_text);
    if (!day) {
        if (options.date.empty())
            return fail("cannot tell the trading date of " + options.path +
                        ": the file name does not look like TICKER_YYYY-MM-DD_…; set date = \"YYYY-MM-DD\"");
        return fail("LOBSTER date for " + options.path + ": " + day.error().message);
    }

    const std::string_view symbol = options.symbol.empty() ? lobster_symbol_from_name(options.path) : options.symbol;
    if (symbol.empty())
        return fail("cannot tell the instrument of " + options.path +
                    ": the file name does not start with TICKER_; set symbol = \"…\"");
    auto instrument = instruments.resolve(symbol, kLobsterDefaults);
    if (!instrument) return fail(options.path + ": " + instrument.error().message);
    const InstrumentSpec& spec = instruments.at(*instrument);

    auto messages = LineReader::open(options.path);
    if (!messages) return std::unexpected(messages.error());
    auto orderbook = LineReader::open(orderbook_path);
    if (!orderbook) return std::unexpected(orderbook.error());

    // LOBSTER's clock is NASDAQ's wall clock (US Eastern): 34200 s is the 09:30 open.
    const Timestamp local_midnight = midnight_utc_ns(*day) + us_eastern_offset_ns(*day);
    return std::unique_ptr<LobsterSource>(
        new LobsterSource(CsvDataLines(std::move(*messages)), CsvDataLines(std::move(*orderbook)), *instrument,
                          Scale{spec.price_decimals, spec.qty_decimals}, local_midnight, options.skip_bad_rows));
}

LobsterSource::LobsterSource(CsvDataLines messages, CsvDataLines orderbook, InstrumentId instrument, Scale scale,
                             Timestamp midnight, bool skip_bad_rows)
    : RowEventSource(skip_bad_rows, 2),
      messages_(std::move(messages)),
      orderbook_(std::move(orderbook)),
      instrument_(instrument),
      scale_(scale),
      midnight_(midnight) {}

double LobsterSource::progress() const {
    const LineReader& messages = messages_.reader();
    const LineReader& orderbook = orderbook_.reader();
    if (!messages.size_bytes() || !orderbook.size_bytes()) return -1.0;
    return progress_fraction(messages.bytes_consumed() + orderbook.bytes_consumed(),
                             *messages.size_bytes() + *orderbook.size_bytes());
}

Result<bool> LobsterSource::read_row() {
    for (;;) {
        std::string_view message, book;
        auto has_message = messages_.next(message);
        if (!has_message) return std::unexpected(has_message.error());
        auto has_book = orderbook_.next(book);
        if (!has_book) return std::unexpected(has_book.error());
        if (!*has_message && !*has_book) return false;
        if (*has_message != *has_book) {
            // Structural, not one bad row: every later row would be paired wrongly.
            const CsvDataLines& longer = *has_message ? messages_ : orderbook_;
            const CsvDataLines& shorter = *has_message ? orderbook_ : messages_;
            return fail(longer.path() + ":" + std::to_string(longer.line_number()) + ": has no matching row in " +
                        shorter.path() + " (which ends after line " + std::to_string(shorter.line_number()) +
                        "); the message and orderbook files must have the same number of rows");
        }
        ++mutable_stats().rows;

        MarketEvent& event = pending().push();
        if (std::string reason = parse_message(message, event); !reason.empty()) {
            if (auto r = reject_row(messages_.path(), messages_.line_number(), reason); !r)
                return std::unexpected(r.error());
            continue;
        }
        QuotePayload quote{};
        if (std::string reason = parse_orderbook(book, quote); !reason.empty()) {
            if (auto r = reject_row(orderbook_.path(), orderbook_.line_number(), reason); !r)
                return std::unexpected(r.error());
            continue;
        }
        if (quotes_.changed(quote)) {
            const Timestamp ts = event.ts;
            MarketEvent& q = pending().push();
            q.ts = q.recv_ts = ts;
            q.instrument = instrument_;
            q.type = MarketEventType::Quote;
            q.quote = quote;
        }
        return true;
    }
}

std::string LobsterSource::parse_message(std::string_view line, MarketEvent& event) const {
    std::array<std::string_view, 6> f;
    if (const std::size_t n = split_csv(line, f); n != f.size())
        return "expected 6 fields (Time,Type,OrderId,Size,Price,Direction), found " + std::to_string(n);

    const auto seconds_ns = parse_decimal(f[0], 9);
    if (!seconds_ns || *seconds_ns < 0)
        return "time " + quoted(f[0]) + " is not seconds after midnight with at most 9 decimals";
    const auto type = parse_integer(f[1]);
    if (!type) return "type " + quoted(f[1]) + " is not an integer";
    const auto order_id = parse_integer(f[2]);
    if (!order_id || *order_id < 0) return "order id " + quoted(f[2]) + " is not a non-negative integer";
    const auto size = parse_integer(f[3]);
    if (!size || *size < 0) return "size " + quoted(f[3]) + " is not a non-negative integer";
    const auto price = parse_integer(f[4]);
    if (!price) return "price " + quoted(f[4]) + " is not an integer (dollars × 10000)";
    const auto direction = parse_integer(f[5]);
    if (!direction || (*direction != 1 && *direction != -1))
        return "direction " + quoted(f[5]) + " is neither 1 (buy) nor -1 (sell)";

    event.ts = event.recv_ts = midnight_ + *seconds_ns;
    event.instrument = instrument_;

    if (*type == kTradingHalt) {
        event.type = MarketEventType::Halt;
        switch (*price) {
            case kHaltStarts:
                event.flags = kFlagHaltStart;
                return {};
            case kQuotingResumes:  // quoting resumes while trading is still halted: neither flag
                event.flags = kFlagNone;
                return {};
            case kTradingResumes:
                event.flags = kFlagHaltEnd;
                return {};
            default:
                return "halt message (type 7) has price " + quoted(f[4]) + "; expected -1, 0 or 1";
        }
    }

    const auto scaled_price = rescale_exact(*price, kLobsterPriceDecimals, scale_.price_decimals);
    if (!scaled_price)
        return "price " + quoted(f[4]) + " (dollars × 10000) is not exact at the instrument's " +
               std::to_string(scale_.price_decimals) + " price decimals; configure price_decimals = 4";
    const auto qty = rescale_exact(*size, 0, scale_.qty_decimals);
    if (!qty) return "size " + quoted(f[3]) + " is too large";
    const Side resting_side = *direction == 1 ? Side::Buy : Side::Sell;

    switch (*type) {
        case kSubmission:
        case kPartialCancel:
        case kDeletion:
            event.type = *type == kSubmission      ? MarketEventType::OrderAdd
                         : *type == kPartialCancel ? MarketEventType::OrderReduce
                                                   : MarketEventType::OrderDelete;
            event.side = resting_side;
            event.order = OrderPayload{Price{*scaled_price}, Quantity{*qty}, std::uint64_t(*order_id)};
            return {};
        case kVisibleExecution:
        case kHiddenExecution:
            // Executing a resting sell order is a buyer-initiated trade, and vice versa.
            event.type = MarketEventType::Trade;
            event.side = opposite(resting_side);
            event.flags = *type == kHiddenExecution ? kFlagHiddenExecution : kFlagNone;
            event.trade = TradePayload{Price{*scaled_price}, Quantity{*qty}, std::uint64_t(*order_id)};
            return {};
        default:
            return "message type " + quoted(f[1]) + " is not one of 1, 2, 3, 4, 5, 7";
    }
}

std::string LobsterSource::parse_orderbook(std::string_view line, QuotePayload& quote) const {
    // Level 1 is the first four columns; deeper levels (if any) are not used.
    std::array<std::string_view, 4> f;
    if (const std::size_t n = split_csv(line, f); n < 4 || n % 4 != 0)
        return "expected 4 fields per level (AskPrice,AskSize,BidPrice,BidSize), found " + std::to_string(n);
    const auto ask = parse_integer(f[0]), ask_size = parse_integer(f[1]);
    const auto bid = parse_integer(f[2]), bid_size = parse_integer(f[3]);
    if (!ask || !ask_size || !bid || !bid_size || *ask_size < 0 || *bid_size < 0)
        return "best ask/bid prices and sizes must be integers (sizes non-negative)";

    const auto side_of_book = [&](std::int64_t price, std::int64_t size, std::int64_t empty_marker, Price& p,
                                  Quantity& q) -> std::string {
        if (price == empty_marker) return {};  // empty side: price 0, size 0
        const auto scaled_price = rescale_exact(price, kLobsterPriceDecimals, scale_.price_decimals);
        const auto scaled_size = rescale_exact(size, 0, scale_.qty_decimals);
        if (!scaled_price)
            return "price " + std::to_string(price) + " (dollars × 10000) is not exact at the instrument's " +
                   std::to_string(scale_.price_decimals) + " price decimals; configure price_decimals = 4";
        if (!scaled_size) return "size " + std::to_string(size) + " is too large";
        p = Price{*scaled_price};
        q = Quantity{*scaled_size};
        return {};
    };
    if (std::string reason = side_of_book(*ask, *ask_size, kEmptyAskPrice, quote.ask, quote.ask_qty); !reason.empty())
        return reason;
    return side_of_book(*bid, *bid_size, kEmptyBidPrice, quote.bid, quote.bid_qty);
}

}  // namespace trellis::host
