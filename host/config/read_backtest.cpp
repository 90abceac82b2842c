#include <array>
#include <limits>

#include "config/config_sections.hpp"
#include "config/value_readers.hpp"

namespace trellis::host {

namespace {

constexpr double kMaxFeeBps = 100.0;  // 1%: beyond that it is a typo, not a fee schedule
constexpr std::array<std::string_view, 2> kOnErrorChoices{"fail", "skip"};

void read_latency(TableReader& backtest, LatencyConfig& latency) {
    auto table = backtest.table("latency");
    if (!table) return;
    if (auto d = read_duration(*table, "market_data", DurationFloor::Zero)) latency.market_data = *d;
    if (auto d = read_duration(*table, "order_entry", DurationFloor::Zero)) latency.order_entry = *d;
    if (auto d = read_duration(*table, "order_response", DurationFloor::Zero)) latency.order_response = *d;
    table->reject_unknown_keys();
}

void read_fees(TableReader& backtest, FeeConfig& fees) {
    auto table = backtest.table("fees");
    if (!table) return;
    if (auto v = table->number("maker_bps", Need::Optional, -kMaxFeeBps, kMaxFeeBps)) fees.maker_bps = *v;
    if (auto v = table->number("taker_bps", Need::Optional, -kMaxFeeBps, kMaxFeeBps)) fees.taker_bps = *v;
    table->reject_unknown_keys();
}

// orderbook and date describe LOBSTER files only; with another explicit format
// they would be silently ignored, so they are an error instead.
bool lobster_only_key_misused(TableReader& source, std::string_view key, DataFormat format) {
    if (format == DataFormat::Auto || format == DataFormat::Lobster || source.get(key) == nullptr) return false;
    source.error(key, "is only used with format = \"lobster\", not \"" + std::string(to_string(format)) +
                          "\" (remove it or set format = \"lobster\")");
    return true;
}

SourceConfig read_source(TableReader& source, std::span<const std::string_view> symbols) {
    SourceConfig out;
    out.where = source.where();
    if (auto path = read_path(source, "path", Need::Required, FileCheck::MustExist)) out.path = std::move(*path);
    if (auto index = read_choice(source, "format", kDataFormatNames)) out.format = DataFormat(*index);
    if (auto symbol = read_reference(source, "symbol", symbols, "[[instruments]] entry"))
        out.symbol = std::move(*symbol);
    if (!lobster_only_key_misused(source, "orderbook", out.format))
        if (auto orderbook = read_path(source, "orderbook", Need::Optional, FileCheck::MustExist))
            out.orderbook = std::move(*orderbook);
    if (!lobster_only_key_misused(source, "date", out.format))
        if (auto date = read_date(source, "date")) out.date = std::move(*date);
    if (auto on_error = read_choice(source, "on_error", kOnErrorChoices))
        out.skip_bad_rows = kOnErrorChoices[*on_error] == "skip";
    source.reject_unknown_keys();
    return out;
}

}  // namespace

BacktestConfig read_backtest_section(TableReader& root, std::span<const InstrumentConfig> instruments) {
    BacktestConfig config;
    auto backtest = root.table("backtest");
    if (!backtest) return config;
    config.present = true;

    if (auto seed = backtest->integer("seed", Need::Optional, 0)) config.seed = std::uint64_t(*seed);
    config.start = read_timestamp(*backtest, "start");
    config.end = read_timestamp(*backtest, "end");
    if (config.start && config.end && *config.end <= *config.start)
        backtest->error("end", "is not after start (set end later than start, or remove one of them)");
    if (auto cash = backtest->number("initial_cash", Need::Optional)) config.initial_cash = *cash;
    if (auto interval = read_duration(*backtest, "equity_interval", DurationFloor::Positive))
        config.equity_interval = *interval;
    read_latency(*backtest, config.latency);
    read_fees(*backtest, config.fees);

    std::vector<std::string_view> symbols;
    for (const auto& i : instruments)
        if (!i.symbol.empty()) symbols.push_back(i.symbol);
    for (auto& source : backtest->table_array("sources", Need::Required))
        config.sources.push_back(read_source(source, symbols));
    backtest->reject_unknown_keys();
    return config;
}

}  // namespace trellis::host
