#include "marketdata/binance_source.hpp"

#include <array>

#include "marketdata/file_name_hints.hpp"
#include "util/decimal.hpp"
#include "util/time_text.hpp"

namespace trellis::host {

namespace {

constexpr std::array<std::string_view, 7> kColumns = {
    "update_id", "best_bid_price", "best_bid_qty", "best_ask_price", "best_ask_qty", "transaction_time", "event_time"};

std::string bad_value(std::size_t column, std::string_view text, std::string_view why) {
    return std::string(kColumns[column]) + " " + quoted(text) + " " + std::string(why);
}

}  // namespace

Result<std::unique_ptr<BinanceSource>> BinanceSource::open(const SourceOptions& options, InstrumentTable& instruments) {
    const std::string_view symbol = options.symbol.empty() ? binance_symbol_from_name(options.path) : options.symbol;
    if (symbol.empty())
        return fail("cannot tell the instrument of " + options.path +
                    ": the file name does not look like SYMBOL-bookTicker-…; set symbol = \"…\"");
    auto instrument = instruments.resolve(symbol, kBinanceDefaults);
    if (!instrument) return fail(options.path + ": " + instrument.error().message);

    auto lines = LineReader::open(options.path);
    if (!lines) return std::unexpected(lines.error());
    return std::unique_ptr<BinanceSource>(
        new BinanceSource(CsvDataLines(std::move(*lines)), instruments.at(*instrument), options.skip_bad_rows));
}

BinanceSource::BinanceSource(CsvDataLines lines, const InstrumentSpec& spec, bool skip_bad_rows)
    : RowEventSource(skip_bad_rows, 1),
      lines_(std::move(lines)),
      instrument_(spec.id),
      price_decimals_(spec.price_decimals),
      qty_decimals_(spec.qty_decimals) {}

Result<bool> BinanceSource::read_row() {
    for (;;) {
        std::string_view line;
        auto more = lines_.next(line);
        if (!more || !*more) return more;
        ++mutable_stats().rows;
        if (std::string reason = parse(line, pending().push()); !reason.empty()) {
            if (auto r = reject_row(lines_.path(), lines_.line_number(), reason); !r) return std::unexpected(r.error());
            continue;
        }
        return true;
    }
}

std::string BinanceSource::parse(std::string_view line, MarketEvent& event) const {
    std::array<std::string_view, kColumns.size()> f;
    if (const std::size_t n = split_csv(line, f); n != f.size())
        return "expected 7 fields (update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,"
               "transaction_time,event_time), found " +
               std::to_string(n);

    if (!parse_integer(f[0])) return bad_value(0, f[0], "is not an integer");
    std::array<std::int64_t, 4> book{};  // bid, bid qty, ask, ask qty
    for (std::size_t i = 0; i < book.size(); ++i) {
        const int decimals = (i % 2 == 0) ? price_decimals_ : qty_decimals_;
        const auto value = parse_decimal(f[i + 1], decimals);
        if (!value)
            return bad_value(i + 1, f[i + 1],
                             decimal_problem(value.error(), decimals, i % 2 == 0 ? "price_decimals" : "qty_decimals"));
        if (*value < 0) return bad_value(i + 1, f[i + 1], "is negative");
        book[i] = *value;
    }
    std::array<std::int64_t, 2> times{};  // transaction, event
    for (std::size_t i = 0; i < times.size(); ++i) {
        const auto ms = parse_integer(f[i + 5]);
        if (!ms || *ms < 0 || *ms > INT64_MAX / kNanosPerMilli)
            return bad_value(i + 5, f[i + 5], "is not a time in milliseconds since the epoch");
        times[i] = *ms * kNanosPerMilli;
    }

    event.ts = times[0];
    event.recv_ts = times[1];
    event.instrument = instrument_;
    event.type = MarketEventType::Quote;
    event.quote = QuotePayload{Price{book[0]}, Price{book[2]}, Quantity{book[1]}, Quantity{book[3]}};
    return {};
}

}  // namespace trellis::host
