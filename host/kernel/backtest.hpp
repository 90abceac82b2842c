#pragma once
// Builds a kernel from a configuration — instruments, venues, risk rules,
// strategies, data sources — runs it over the data and reports the outcome.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "kernel/engine.hpp"
#include "marketdata/instrument_table.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_registry.hpp"
#include "telemetry/telemetry_report.hpp"
#include "util/error.hpp"

namespace trellis::host {

class Logger;

struct BacktestOptions {
    std::string out_dir;                                      // write orders/fills/equity CSVs here when set
    std::vector<std::filesystem::path> default_plugin_paths;  // searched after the config's plugin_paths
    // Called every ~65k events with the source's progress (0..1, or < 0 when unknown) and events so far.
    std::function<void(double fraction, std::uint64_t events)> progress;
};

struct InstrumentResult {
    std::string symbol;
    int qty_decimals = 0;
    double position = 0.0;      // instrument units
    double realized_pnl = 0.0;  // currency units, before fees
    double unrealized_pnl = 0.0;
    double fees = 0.0;
    double cash = 0.0;
    double equity = 0.0;
    Money position_raw = 0;
    Money cash_raw = 0;
    Money equity_raw = 0;
};

struct RuleResult {
    std::string name;
    std::uint64_t checks = 0;
    std::uint64_t rejections = 0;
};

struct BacktestReport {
    std::uint64_t events = 0;
    std::uint64_t orders = 0;  // orders submitted by strategies
    std::uint64_t fills = 0;   // fill updates booked
    OrderCounters order_counters;
    EngineStats engine;
    std::vector<InstrumentResult> instruments;
    std::vector<RuleResult> risk_rules;
    KillSwitchReport kill_switch;
    RiskLevel final_risk_level = RiskLevel::Normal;
    std::uint64_t rejected_rows = 0;  // malformed input rows skipped (on_error = "skip")
    double realized_pnl = 0.0;
    double unrealized_pnl = 0.0;
    double fees = 0.0;
    double max_drawdown = 0.0;
    double wall_s = 0.0;
    // CPU time the engine thread spent in the run: unlike wall_s it leaves out the time the
    // thread was not running (other threads on its core, a virtual machine's stolen time).
    double engine_cpu_s = 0.0;
    double events_per_sec = 0.0;
    TelemetryReport telemetry;  // enabled = false without [telemetry]
};

// Bad input — config, plugins, data files, including a malformed row met
// mid-run — is told apart from a failure of the run itself (e.g. the outputs
// cannot be written), so the command can exit with 2 or 1.
struct BacktestError {
    enum class Stage { Input, Run } stage;
    std::string message;
};

// Everything a run needs, resolved and checked: what `trellis validate` verifies.
struct PreparedBacktest {
    template <class T>
    using Named = std::vector<std::pair<std::string, PluginPtr<T>>>;

    InstrumentTable instruments;
    std::vector<std::uint32_t> venue_of;
    PluginRegistry registry;
    Named<ExchangeAdapter> adapters;
    Named<RiskRule> risk_rules;
    Named<Strategy> strategies;
    Named<AlertSink> alert_sinks;
    std::vector<std::unique_ptr<MarketDataSource>> sources;
};

// Resolves instruments, venues, plugins (with their parameters) and opens the data.
// Lua plugins log through `logger`, which must outlive the result.
Result<std::unique_ptr<PreparedBacktest>> prepare_backtest(const HostConfig& config, const BacktestOptions& options,
                                                           Logger& logger);

// An engine wired with the prepared plugins, configured from `config`
// (latency, seed, equity sampling, metrics sampling when [telemetry] is on,
// initial cash, risk-level actions). The
// plugins in `prepared` must outlive it.
std::unique_ptr<Engine> build_engine(PreparedBacktest& prepared, const HostConfig& config, MetricsRegistry& metrics,
                                     Logger& logger);

// The prepared sources merged by time, within [backtest] start/end (takes them over).
std::unique_ptr<MarketDataSource> merged_sources(PreparedBacktest& prepared, const HostConfig& config);

std::expected<BacktestReport, BacktestError> run_backtest(const HostConfig& config, const BacktestOptions& options,
                                                          Logger& logger);

}  // namespace trellis::host
