#include "risk_bench.hpp"

#include "config/config_loader.hpp"
#include "kernel/backtest.hpp"
#include "kernel/kill_switch.hpp"
#include "plugin/shipped_plugins.hpp"
#include "util/logger.hpp"

namespace trellis::bench {

namespace {
struct Loaded {
    std::unique_ptr<host::Logger> logger = std::make_unique<host::Logger>(LogLevel::Error);
    host::HostConfig config;
    std::unique_ptr<host::PreparedBacktest> prepared;
};

host::Result<Loaded> load(const std::string& path, std::vector<std::string> overrides) {
    auto config = host::load_config(path, overrides);
    if (!config) return std::unexpected(config.error());
    host::BacktestOptions options;
    options.default_plugin_paths = host::shipped_plugin_paths();
    Loaded loaded;
    auto prepared = host::prepare_backtest(*config, options, *loaded.logger);
    if (!prepared) return std::unexpected(prepared.error());
    loaded.config = std::move(*config);
    loaded.prepared = std::move(*prepared);
    return loaded;
}

// Stamps the wall time each event is handed to the engine.
class StampingSource final : public host::MarketDataSource {
public:
    explicit StampingSource(host::MarketDataSource& inner) : inner_(inner) {}
    host::Result<bool> next(MarketEvent& e) override {
        last_handed_ns = host::steady_now_ns();
        pending = true;
        return inner_.next(e);
    }
    const host::SourceStats& stats() const override { return inner_.stats(); }
    std::int64_t last_handed_ns = 0;
    bool pending = false;  // no order released since the last event was handed out

private:
    host::MarketDataSource& inner_;
};

// Records event-handed → first order released, once per event.
class TickToOrderObserver final : public host::RunObserver {
public:
    explicit TickToOrderObserver(StampingSource& source) : source_(source) { samples.reserve(1 << 20); }
    void on_order_released(const host::OrderRecord&) override {
        if (!source_.pending) return;
        source_.pending = false;
        samples.push_back(host::steady_now_ns() - source_.last_handed_ns);
    }
    std::vector<std::int64_t> samples;

private:
    StampingSource& source_;
};
}  // namespace

host::Result<LatencyResult> bench_risk_chain(const std::string& name, const std::string& config, std::size_t orders) {
    // Warm the rules up on the first ten minutes of the day, then time the chain alone.
    auto loaded = load(config, {"backtest.end=2012-06-21T13:40:00Z"});
    if (!loaded) return std::unexpected(loaded.error());
    auto& p = *loaded->prepared;
    host::MetricsRegistry metrics;
    host::Logger logger(LogLevel::Error);
    auto engine = host::build_engine(p, loaded->config, metrics, logger);
    if (auto s = engine->start(); !s) return std::unexpected(s.error());
    const auto source = host::merged_sources(p, loaded->config);
    if (auto ran = engine->run(*source); !ran) return std::unexpected(ran.error());

    const TopOfBook book = engine->strategy_book()[0];
    const Price tick = engine->instruments()[0].tick_size;
    std::vector<std::int64_t> samples;
    samples.reserve(orders);
    LatencyResult r{name};
    OrderIntent intent;
    intent.strategy = 0;
    intent.request.instrument = 0;
    intent.request.qty = Quantity{100};
    for (std::size_t i = 0; i < orders; ++i) {
        // Passive prices a few ticks from the touch, both sides: what a quoting strategy sends.
        intent.id = 1'000'000 + i;
        intent.request.side = (i & 1) ? Side::Sell : Side::Buy;
        const std::int64_t away = std::int64_t(1 + i % 5) * tick.raw;
        intent.request.price =
            intent.request.side == Side::Buy ? Price{book.bid.raw - away} : Price{book.ask.raw + away};
        const std::int64_t t0 = host::steady_now_ns();
        const RiskDecision d = engine->check_intent(intent);
        samples.push_back(host::steady_now_ns() - t0);
        r.accepted += d.accept ? 1 : 0;
    }
    engine->stop();
    r.latency = percentiles(samples);
    return r;
}

host::Result<LatencyResult> bench_tick_to_order(const std::string& name, const std::string& config) {
    auto loaded = load(config, {});
    if (!loaded) return std::unexpected(loaded.error());
    auto& p = *loaded->prepared;
    host::MetricsRegistry metrics;
    host::Logger logger(LogLevel::Error);
    auto engine = host::build_engine(p, loaded->config, metrics, logger);
    const auto merged = host::merged_sources(p, loaded->config);
    StampingSource stamped(*merged);
    TickToOrderObserver observer(stamped);
    engine->set_observer(&observer);
    if (auto s = engine->start(); !s) return std::unexpected(s.error());
    if (auto ran = engine->run(stamped); !ran) return std::unexpected(ran.error());
    engine->stop();
    LatencyResult r{name};
    r.latency = percentiles(observer.samples);
    return r;
}

}  // namespace trellis::bench
