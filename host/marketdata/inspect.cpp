#include "marketdata/inspect.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "util/decimal.hpp"
#include "util/time_text.hpp"

namespace trellis::host {

namespace {

BestPriceSample sample(const InstrumentSpec& spec, Timestamp ts, Price price, Quantity qty) {
    return BestPriceSample{std::string(spec.name()), ts, price, qty, spec.price_decimals, spec.qty_decimals};
}

// 1234567 → "1,234,567"
std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3) digits.insert(std::size_t(at), 1, ',');
    return digits;
}

std::string_view type_label(std::size_t type) {
    switch (MarketEventType(type)) {
        case MarketEventType::Quote:
            return "quote";
        case MarketEventType::BookLevel:
            return "book level";
        case MarketEventType::Trade:
            return "trade";
        case MarketEventType::OrderAdd:
            return "order add";
        case MarketEventType::OrderReduce:
            return "order reduce";
        case MarketEventType::OrderDelete:
            return "order delete";
        case MarketEventType::Halt:
            return "halt";
    }
    return "other";
}

std::string duration_text(Duration d) {
    const double seconds = double(d) / 1e9;
    char buf[64];
    if (seconds >= 3600)
        std::snprintf(buf, sizeof buf, "%lldh %02lldm %06.3fs", static_cast<long long>(seconds / 3600),
                      static_cast<long long>(seconds / 60) % 60, seconds - 60.0 * std::floor(seconds / 60));
    else if (seconds >= 60)
        std::snprintf(buf, sizeof buf, "%lldm %06.3fs", static_cast<long long>(seconds / 60),
                      seconds - 60.0 * std::floor(seconds / 60));
    else
        std::snprintf(buf, sizeof buf, "%.3fs", seconds);
    return buf;
}

std::string side_line(std::string_view label, const std::optional<BestPriceSample>& s) {
    std::string line(label);
    if (!s) return line + "—\n";
    return line + s->price_text() + " x " + s->qty_text() + "  (" + s->symbol + ", " + format_utc_ns(s->ts) + ")\n";
}

nlohmann::ordered_json price_or_null(const std::optional<BestPriceSample>& s) {
    return s ? nlohmann::ordered_json(s->price_value()) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string BestPriceSample::price_text() const {
    char buf[32];
    return std::string(format_decimal(price.raw, price_decimals, buf));
}

std::string BestPriceSample::qty_text() const {
    char buf[32];
    return std::string(format_decimal(qty.raw, qty_decimals, buf));
}

double BestPriceSample::price_value() const { return double(price.raw) / double(pow10(price_decimals)); }

Result<InspectReport> inspect(const std::string& path, const ToolOptions& options) {
    InstrumentTable instruments = tool_instrument_table(options);
    auto opened = open_tool_source(path, options, /*skip_bad_rows=*/true, instruments);
    if (!opened) return std::unexpected(opened.error());
    MarketDataSource& source = *opened->source;

    InspectReport report;
    report.path = path;
    report.format = opened->format;
    const auto read = for_each_event(source, [&](const MarketEvent& event) {
        ++report.events;
        ++report.events_by_type[std::size_t(event.type) % report.events_by_type.size()];
        if (!report.first_ts) report.first_ts = event.ts;
        if (report.last_ts && event.ts < *report.last_ts) ++report.out_of_order;
        report.last_ts = event.ts;
        if (event.type != MarketEventType::Quote) return;
        const InstrumentSpec& spec = instruments.at(event.instrument);
        if (event.quote.bid_qty.raw != 0) {
            report.last_bid = sample(spec, event.ts, event.quote.bid, event.quote.bid_qty);
            if (!report.first_bid) report.first_bid = report.last_bid;
        }
        if (event.quote.ask_qty.raw != 0) {
            report.last_ask = sample(spec, event.ts, event.quote.ask, event.quote.ask_qty);
            if (!report.first_ask) report.first_ask = report.last_ask;
        }
    });
    if (!read) return std::unexpected(read.error());
    const SourceStats& stats = source.stats();
    report.rows = stats.rows;
    report.rejected_rows = stats.rejected_rows;
    report.first_rejections = stats.first_rejections;
    for (const InstrumentSpec& spec : instruments.specs()) report.instruments.emplace_back(spec.name());
    return report;
}

std::string format_inspect_text(const InspectReport& r) {
    std::string out;
    out += "file         " + r.path + "\n";
    out += "format       " + std::string(to_string(r.format)) + "\n";
    out += "rows         " + with_thousands(r.rows) + "\n";
    out += "events       " + with_thousands(r.events);
    std::string breakdown;
    for (std::size_t t = 0; t < r.events_by_type.size(); ++t) {
        if (r.events_by_type[t] == 0) continue;
        breakdown +=
            (breakdown.empty() ? "" : ", ") + std::string(type_label(t)) + " " + with_thousands(r.events_by_type[t]);
    }
    out += breakdown.empty() ? "\n" : "  (" + breakdown + ")\n";
    if (r.first_ts && r.last_ts) {
        out += "first event  " + format_utc_ns(*r.first_ts) + "\n";
        out +=
            "last event   " + format_utc_ns(*r.last_ts) + "  (span " + duration_text(*r.last_ts - *r.first_ts) + ")\n";
    }
    if (r.out_of_order)
        out += "out of order " + with_thousands(r.out_of_order) + " events earlier than their predecessor\n";
    std::string symbols;
    for (const std::string& s : r.instruments) symbols += (symbols.empty() ? "" : ", ") + s;
    out += "instruments  " + (symbols.empty() ? std::string("—") : symbols) + "\n";
    out += side_line("first bid    ", r.first_bid);
    out += side_line("first ask    ", r.first_ask);
    out += side_line("last bid     ", r.last_bid);
    out += side_line("last ask     ", r.last_ask);
    out += "rejected     " + with_thousands(r.rejected_rows) + (r.rejected_rows == 1 ? " row\n" : " rows\n");
    for (const std::string& message : r.first_rejections) out += "  " + message + "\n";
    if (r.rejected_rows > r.first_rejections.size())
        out += "  … and " + with_thousands(r.rejected_rows - r.first_rejections.size()) + " more\n";
    return out;
}

std::string format_inspect_json(const InspectReport& r) {
    nlohmann::ordered_json j;  // keys in the documented order
    j["format"] = to_string(r.format);
    j["events"] = r.events;
    j["first_ts_ns"] = r.first_ts ? nlohmann::ordered_json(*r.first_ts) : nlohmann::ordered_json(nullptr);
    j["last_ts_ns"] = r.last_ts ? nlohmann::ordered_json(*r.last_ts) : nlohmann::ordered_json(nullptr);
    j["instruments"] = r.instruments;
    j["first_bid"] = price_or_null(r.first_bid);
    j["first_ask"] = price_or_null(r.first_ask);
    j["last_bid"] = price_or_null(r.last_bid);
    j["last_ask"] = price_or_null(r.last_ask);
    j["rejected_rows"] = r.rejected_rows;
    return j.dump(2);
}

}  // namespace trellis::host
