#include "replay_bench.hpp"

#include <algorithm>
#include <chrono>

#include "kernel/backtest.hpp"
#include "kernel/engine.hpp"
#include "marketdata/binary_reader.hpp"
#include "marketdata/source_options.hpp"
#include "percentiles.hpp"
#include "plugin/shipped_plugins.hpp"
#include "util/logger.hpp"

namespace trellis::bench {

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Counts what it is given and nothing else: the kernel's own cost per event.
class NoopStrategy final : public Strategy {
public:
    std::uint64_t seen = 0;
    Status start(StrategyContext&) override { return Status::ok(); }
    void on_quote(const MarketEvent&) noexcept override { ++seen; }
    void on_trade(const MarketEvent&) noexcept override { ++seen; }
    void on_book_order(const MarketEvent&) noexcept override { ++seen; }
    void on_book_level(const MarketEvent&) noexcept override { ++seen; }
};

// The demo's latencies, so the delay lines are exercised as in a real run.
host::LatencyConfig bench_latency() { return host::LatencyConfig{50'000, 100'000, 100'000}; }
}  // namespace

double BenchResult::median_wall_s() const { return median(wall_s); }

double BenchResult::events_per_sec() const {
    const double m = median_wall_s();
    return m > 0 ? double(events) / m : 0.0;
}

host::Result<BenchResult> bench_scan(const BenchData& data, int repeat) {
    BenchResult r{"replay.scan"};
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = Clock::now();
        auto file = host::BinaryEventFile::open(data.path);
        if (!file) return std::unexpected(file.error());
        // Touch every event the way a consumer would: read its type, time and price.
        std::uint64_t checksum = 0;
        for (const MarketEvent& e : file->events())
            checksum += std::uint64_t(e.ts) ^ std::uint64_t(e.quote.bid.raw) ^ std::uint8_t(e.type);
        r.wall_s.push_back(seconds_since(t0));
        r.events = file->events().size();
        if (checksum == 42) r.orders = 1;  // keeps the loop observable
    }
    return r;
}

host::Result<BenchResult> bench_noop(const BenchData& data, int repeat) {
    BenchResult r{"replay.noop"};
    for (int i = 0; i < repeat; ++i) {
        host::InstrumentTable table;
        if (auto added = table.add(data.instrument.name(), data.instrument.price_decimals, data.instrument.qty_decimals,
                                   data.instrument.tick_size, data.instrument.lot_size);
            !added)
            return std::unexpected(added.error());
        host::SourceOptions so;
        so.path = data.path;
        so.format = host::DataFormat::Binary;
        auto source = host::BinarySource::open(so, table);
        if (!source) return std::unexpected(source.error());
        host::MetricsRegistry metrics;
        host::Logger logger(LogLevel::Warn);
        host::EngineOptions eo;
        eo.latency = bench_latency();
        // No venue: the noop strategy never trades.
        host::Engine engine({table.specs().begin(), table.specs().end()}, {~0u}, eo, metrics, logger);
        NoopStrategy noop;
        engine.add_strategy("noop", noop);
        if (auto s = engine.start(); !s) return std::unexpected(s.error());
        const auto t0 = Clock::now();
        if (auto ran = engine.run(**source); !ran) return std::unexpected(ran.error());
        r.wall_s.push_back(seconds_since(t0));
        engine.stop();
        r.events = engine.stats().events;
        if (noop.seen != r.events)
            return host::fail("noop strategy saw " + std::to_string(noop.seen) + " of " + std::to_string(r.events) +
                              " events");
    }
    return r;
}

host::Result<BenchResult> bench_market_maker(const BenchData& data, int repeat, bool telemetry) {
    BenchResult r{telemetry ? "replay.market_maker.telemetry" : "replay.market_maker"};
    host::HostConfig cfg;
    cfg.file = "trellis-bench";
    cfg.instruments.push_back(host::InstrumentConfig{std::string(data.instrument.name()),
                                                     data.instrument.price_decimals,
                                                     data.instrument.qty_decimals,
                                                     data.instrument.tick_size,
                                                     data.instrument.lot_size,
                                                     "",
                                                     {}});
    cfg.adapters.push_back(host::PluginConfig{"sim", "simulated_exchange", true, {}, {}});
    // The demo's market-maker parameters (config/demo.toml).
    const std::vector<host::RawParam> mm_params{{"symbol", std::string(data.instrument.name()), "trellis-bench"},
                                                {"order_size", 100.0, "trellis-bench"},
                                                {"max_inventory", 500.0, "trellis-bench"},
                                                {"half_spread_ticks", std::int64_t{1}, "trellis-bench"},
                                                {"gamma", 0.01, "trellis-bench"},
                                                {"kappa", 0.2, "trellis-bench"},
                                                {"horizon_s", 10.0, "trellis-bench"},
                                                {"requote_ticks", std::int64_t{3}, "trellis-bench"}};
    cfg.strategies.push_back(host::PluginConfig{"mm", "market_maker", true, mm_params, {}});
    host::SourceConfig source;
    source.path = data.path;
    source.format = host::DataFormat::Binary;
    cfg.backtest.sources.push_back(source);
    cfg.backtest.latency = bench_latency();
    if (telemetry) {
        cfg.telemetry.enabled = true;
        cfg.telemetry.endpoint = "tcp://127.0.0.1:*";
        cfg.telemetry.host_id = "trellis-bench";
    }
    host::BacktestOptions options;
    options.default_plugin_paths = host::shipped_plugin_paths();
    host::Logger logger(LogLevel::Warn);
    for (int i = 0; i < repeat; ++i) {
        auto report = host::run_backtest(cfg, options, logger);
        if (!report) return host::fail(report.error().message);
        r.wall_s.push_back(report->wall_s);
        r.cpu_s.push_back(report->engine_cpu_s);
        r.events = report->events;
        r.orders = report->orders;
        r.fills = report->fills;
        r.published_points += report->telemetry.total_points;
        r.dropped_events += report->telemetry.dropped_events;
    }
    return r;
}

}  // namespace trellis::bench
