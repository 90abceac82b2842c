#include "kernel/backtest.hpp"

#include <chrono>
#include <ctime>

#include "kernel/csv_recorder.hpp"
#include "kernel/kill_file_watcher.hpp"
#include "lua/lua_plugins.hpp"
#include "marketdata/instrument_table.hpp"
#include "marketdata/merged_source.hpp"
#include "marketdata/open_source.hpp"
#include "plugin/param_validation.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_registry.hpp"
#include "telemetry/telemetry_publisher.hpp"
#include "util/logger.hpp"

namespace trellis::host {

namespace {

std::unexpected<BacktestError> setup_error(std::string message) {
    return std::unexpected(BacktestError{BacktestError::Stage::Input, std::move(message)});
}

// [backtest.fees] reaches every venue whose schema declares maker_fee_bps /
// taker_fee_bps, unless the venue's own params set them.
std::vector<RawParam> with_backtest_fees(const PluginConfig& entry, const PluginManifest& manifest,
                                         const FeeConfig& fees, const std::string& file) {
    std::vector<RawParam> params = entry.params;
    const std::pair<const char*, double> injected[] = {{"maker_fee_bps", fees.maker_bps},
                                                       {"taker_fee_bps", fees.taker_bps}};
    for (const auto& [key, value] : injected) {
        bool declared = false;
        for (std::size_t i = 0; i < manifest.param_count; ++i)
            declared |= std::string_view(manifest.params[i].key) == key;
        bool given = false;
        for (const auto& p : params) given |= p.key == key;
        if (declared && !given) params.push_back(RawParam{key, value, file + ": backtest.fees." + key});
    }
    return params;
}

LuaLimits lua_limits(const LuaConfig& c) {
    return LuaLimits{c.instruction_budget, std::size_t(c.memory_limit_mb) << 20, c.max_consecutive_errors,
                     c.reload_poll, c.hot_reload};
}

// A Lua script of kind T, checked against its own declared params.
template <class T>
Result<PluginPtr<T>> load_lua(const PluginConfig& entry, const HostConfig& config, Logger& logger) {
    const LuaLimits limits = lua_limits(config.lua);
    if constexpr (T::kKind == PluginKind::RiskRule)
        return load_lua_risk_rule(entry.plugin, entry.params, limits, logger);
    else if constexpr (T::kKind == PluginKind::Strategy)
        return load_lua_strategy(entry.plugin, entry.params, limits, logger);
    else if constexpr (T::kKind == PluginKind::AlertSink)
        return load_lua_alert_sink(entry.plugin, entry.params, limits, logger);
    else
        return fail("exchange adapters cannot be written in Lua");
}

// A shared-library plugin of kind T, resolved through the registry.
template <class T>
Result<PluginPtr<T>> load_library_plugin(PluginRegistry& registry, const PluginConfig& entry, const HostConfig& config,
                                         const std::string& where) {
    auto handle = registry.resolve(T::kKind, entry.plugin, where);
    if (!handle) return std::unexpected(handle.error());
    std::vector<RawParam> raw = entry.params;
    if constexpr (T::kKind == PluginKind::ExchangeAdapter)
        raw = with_backtest_fees(entry, *handle->manifest, config.backtest.fees, config.file);
    auto params = validate_params(*handle->manifest, raw, where);
    if (!params) return std::unexpected(params.error());
    return create_instance<T>(*handle, *params, where);
}

// Resolves, checks and creates every enabled plugin of one section, .so or .lua.
template <class T>
Result<std::vector<std::pair<std::string, PluginPtr<T>>>> create_all(PluginRegistry& registry,
                                                                     const std::vector<PluginConfig>& entries,
                                                                     const HostConfig& config, Logger& logger) {
    std::vector<std::pair<std::string, PluginPtr<T>>> out;
    for (const PluginConfig& entry : entries) {
        if (!entry.enabled) continue;
        const std::string where = entry.where.to_string();
        auto instance = is_lua_script(entry.plugin) ? load_lua<T>(entry, config, logger)
                                                    : load_library_plugin<T>(registry, entry, config, where);
        if (!instance) {
            // Lua errors already say path:line; put the config entry in front like every other error.
            if (is_lua_script(entry.plugin)) return fail(located(where, instance.error().message));
            return std::unexpected(instance.error());
        }
        out.emplace_back(entry.name, std::move(*instance));
    }
    return out;
}

// venue_of[i]: index (among enabled adapters) of the venue instrument i trades on.
Result<std::vector<std::uint32_t>> route_instruments(const HostConfig& config) {
    std::vector<std::string> enabled;
    for (const auto& a : config.adapters)
        if (a.enabled) enabled.push_back(a.name);
    if (enabled.empty()) return fail(config.file + ": no enabled [[adapters]] entry: a backtest needs a venue");
    std::vector<std::uint32_t> venue_of;
    for (const auto& inst : config.instruments) {
        if (inst.venue.empty()) {
            if (enabled.size() > 1)
                return fail(inst.where.to_string() + ": several adapters are enabled; set venue = \"<adapter name>\"");
            venue_of.push_back(0);
            continue;
        }
        const auto it = std::find(enabled.begin(), enabled.end(), inst.venue);
        if (it == enabled.end())
            return fail(inst.where.to_string() + ": venue '" + inst.venue + "' is not an enabled adapter");
        venue_of.push_back(std::uint32_t(it - enabled.begin()));
    }
    return venue_of;
}

// Progress callback every 2^16 events, without touching the engine's hot loop.
class ProgressSource final : public MarketDataSource {
public:
    ProgressSource(MarketDataSource& inner, const std::function<void(double, std::uint64_t)>& report)
        : inner_(inner), report_(report) {}
    Result<bool> next(MarketEvent& e) override {
        if ((++count_ & 0xFFFF) == 0) report_(inner_.progress(), count_);
        return inner_.next(e);
    }
    const SourceStats& stats() const override { return inner_.stats(); }
    double progress() const override { return inner_.progress(); }

private:
    MarketDataSource& inner_;
    const std::function<void(double, std::uint64_t)>& report_;
    std::uint64_t count_ = 0;
};

// CPU time of the calling thread.
double thread_cpu_seconds() noexcept {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

BacktestReport make_report(const Engine& engine, const InstrumentTable& table, std::uint64_t rejected_rows,
                           double wall_s) {
    BacktestReport r;
    r.engine = engine.stats();
    r.events = r.engine.events;
    r.order_counters = engine.orders().counters();
    r.orders = r.order_counters.submitted;
    r.fills = r.order_counters.fills + r.engine.unknown_fills;
    r.rejected_rows = rejected_rows;
    r.max_drawdown = r.engine.max_drawdown;
    r.wall_s = wall_s;
    r.events_per_sec = wall_s > 0 ? double(r.events) / wall_s : 0.0;
    for (InstrumentId i = 0; i < table.size(); ++i) {
        const InstrumentSpec& spec = table.at(i);
        const InstrumentAccount& a = engine.portfolio().account(i);
        const Price mark = engine.market().mark(i);
        InstrumentResult ir;
        ir.symbol = std::string(spec.name());
        ir.qty_decimals = spec.qty_decimals;
        ir.position_raw = a.position.raw;
        ir.cash_raw = a.cash;
        ir.equity_raw = a.equity(mark);
        ir.position = spec.to_double(a.position);
        ir.realized_pnl = spec.money_to_double(a.realized_pnl);
        ir.unrealized_pnl = spec.money_to_double(a.unrealized_pnl(mark));
        ir.fees = spec.money_to_double(a.fees);
        ir.cash = spec.money_to_double(a.cash);
        ir.equity = spec.money_to_double(ir.equity_raw);
        r.realized_pnl += ir.realized_pnl;
        r.unrealized_pnl += ir.unrealized_pnl;
        r.fees += ir.fees;
        r.instruments.push_back(std::move(ir));
    }
    for (const auto& e : engine.risk_chain().entries()) r.risk_rules.push_back({e.name, e.checks, e.rejections});
    r.kill_switch = engine.kill_switch().report();
    r.final_risk_level = engine.risk_level();
    return r;
}

}  // namespace

Result<std::unique_ptr<PreparedBacktest>> prepare_backtest(const HostConfig& config, const BacktestOptions& options,
                                                           Logger& logger) {
    if (config.backtest.sources.empty())
        return fail(config.file + ": [backtest] needs at least one [[backtest.sources]] entry");
    auto table = InstrumentTable::from_config(config.instruments);
    if (!table) return std::unexpected(table.error());
    auto venue_of = route_instruments(config);
    if (!venue_of) return std::unexpected(venue_of.error());

    std::vector<std::filesystem::path> search(config.plugin_paths.begin(), config.plugin_paths.end());
    search.insert(search.end(), options.default_plugin_paths.begin(), options.default_plugin_paths.end());
    auto p = std::make_unique<PreparedBacktest>(
        PreparedBacktest{std::move(*table), std::move(*venue_of), PluginRegistry(search), {}, {}, {}, {}, {}});
    auto adapters = create_all<ExchangeAdapter>(p->registry, config.adapters, config, logger);
    if (!adapters) return std::unexpected(adapters.error());
    p->adapters = std::move(*adapters);
    auto rules = create_all<RiskRule>(p->registry, config.risk_rules, config, logger);
    if (!rules) return std::unexpected(rules.error());
    p->risk_rules = std::move(*rules);
    auto strategies = create_all<Strategy>(p->registry, config.strategies, config, logger);
    if (!strategies) return std::unexpected(strategies.error());
    p->strategies = std::move(*strategies);
    auto sinks = create_all<AlertSink>(p->registry, config.alert_sinks, config, logger);
    if (!sinks) return std::unexpected(sinks.error());
    p->alert_sinks = std::move(*sinks);

    for (const SourceConfig& sc : config.backtest.sources) {
        auto src = open_source(SourceOptions::from_config(sc), p->instruments);
        if (!src) return fail(sc.where.to_string() + ": " + src.error().message);
        p->sources.push_back(std::move(*src));
    }
    return p;
}

std::unique_ptr<Engine> build_engine(PreparedBacktest& p, const HostConfig& config, MetricsRegistry& metrics,
                                     Logger& logger) {
    EngineOptions eo;
    eo.latency = config.backtest.latency;
    eo.seed = config.backtest.seed;
    eo.equity_interval = config.backtest.equity_interval;
    if (config.telemetry.enabled) eo.metrics_interval = config.telemetry.interval;
    eo.risk_policy = config.risk.policy;
    std::vector<InstrumentSpec> specs(p.instruments.specs().begin(), p.instruments.specs().end());
    if (!specs.empty()) {
        // One account per instrument; the starting cash sits with the first.
        const auto& s = specs.front();
        eo.initial_cash.push_back(
            Money(config.backtest.initial_cash * double(pow10(s.price_decimals + s.qty_decimals))));
    }
    auto engine = std::make_unique<Engine>(std::move(specs), p.venue_of, eo, metrics, logger);
    for (auto& [name, a] : p.adapters) engine->add_adapter(name, *a);
    for (auto& [name, r] : p.risk_rules) engine->add_risk_rule(name, *r);
    for (auto& [name, a] : p.alert_sinks) engine->add_alert_sink(name, *a);
    for (auto& [name, s] : p.strategies) engine->add_strategy(name, *s);
    return engine;
}

std::unique_ptr<MarketDataSource> merged_sources(PreparedBacktest& prepared, const HostConfig& config) {
    return std::make_unique<MergedSource>(std::move(prepared.sources),
                                          TimeWindow{config.backtest.start, config.backtest.end});
}

std::expected<BacktestReport, BacktestError> run_backtest(const HostConfig& config, const BacktestOptions& options,
                                                          Logger& logger) {
    auto prepared = prepare_backtest(config, options, logger);
    if (!prepared) return setup_error(prepared.error().message);
    PreparedBacktest& p = **prepared;
    const InstrumentTable* table = &p.instruments;
    const std::unique_ptr<MarketDataSource> source = merged_sources(p, config);
    MarketDataSource& merged = *source;

    MetricsRegistry metrics;
    std::unique_ptr<Engine> engine_ptr = build_engine(p, config, metrics, logger);
    Engine& engine = *engine_ptr;
    std::vector<std::string> strategy_names;
    for (auto& [name, s] : p.strategies) strategy_names.push_back(name);
    const std::vector<InstrumentSpec> specs(table->specs().begin(), table->specs().end());

    std::unique_ptr<CsvRecorder> recorder;
    if (!options.out_dir.empty()) {
        auto rec = CsvRecorder::open(options.out_dir, specs, strategy_names);
        if (!rec) return setup_error(rec.error().message);
        recorder = std::move(*rec);
        engine.add_observer(recorder.get());
    }
    std::unique_ptr<TelemetryPublisher> publisher;
    if (config.telemetry.enabled) {
        publisher = std::make_unique<TelemetryPublisher>(config.telemetry, metrics, specs, strategy_names, logger);
        // Bound and subscribed before the engine starts, so nothing of the run precedes the subscribers.
        if (auto started = publisher->start(); !started) return setup_error(started.error().message);
        engine.add_observer(publisher.get());
    }

    if (auto started = engine.start(); !started) return setup_error(started.error().message);
    std::optional<KillFileWatcher> kill_file;
    if (!config.risk.kill_file.empty())
        kill_file.emplace(config.risk.kill_file, std::chrono::milliseconds(config.risk.kill_poll / 1'000'000),
                          engine.kill_switch());
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = thread_cpu_seconds();
    Result<void> ran;
    if (options.progress) {
        ProgressSource progress(merged, options.progress);
        ran = engine.run(progress);
    } else {
        ran = engine.run(merged);
    }
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double engine_cpu_s = thread_cpu_seconds() - cpu0;
    engine.stop();
    // Sends what is still queued, even when the run failed: what happened up to the failure is worth seeing.
    const TelemetryReport telemetry = publisher ? publisher->finish() : TelemetryReport{};
    // The engine fails only when its source does: malformed or unreadable input.
    if (!ran) return std::unexpected(BacktestError{BacktestError::Stage::Input, ran.error().message});
    if (recorder)
        if (auto done = recorder->finish(engine.orders()); !done)
            return std::unexpected(BacktestError{BacktestError::Stage::Run, done.error().message});
    BacktestReport report = make_report(engine, *table, merged.stats().rejected_rows, wall_s);
    report.telemetry = telemetry;
    report.engine_cpu_s = engine_cpu_s;
    return report;
}

}  // namespace trellis::host
