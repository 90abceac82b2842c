#pragma once
// One reader per top-level section of the schema. Each fills its part of the
// config, reports every problem to the shared error list and flags unknown keys
// of the tables it owns. Cross references are checked against sections read
// earlier (adapters before instruments, instruments before backtest).

#include <span>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/table_reader.hpp"

namespace trellis::host {

// [host]: id, plugin_paths.
void read_host_section(TableReader& root, HostConfig& config);

// [[adapters]], [[strategies]], [[risk.rules]]: name, plugin, enabled, params.
std::vector<PluginConfig> read_plugin_entries(TableReader& parent, std::string_view key, Need need);

// [risk]: [[risk.rules]], [risk.levels], kill_file, kill_poll.
void read_risk_section(TableReader& root, HostConfig& config);

// [lua]: instruction_budget, memory_limit_mb, max_consecutive_errors, reload_poll, hot_reload.
void read_lua_section(TableReader& root, LuaConfig& lua);

// [telemetry]: endpoint, enabled, host_id, interval, queue_capacity, sample_slots,
// wait_for_subscribers, subscriber_timeout, linger. `host_id` defaults to
// `named_host` (the [host] id the file gives, or empty), else to the hostname.
void read_telemetry_section(TableReader& root, std::string_view named_host, TelemetryConfig& telemetry);

// [[instruments]]; `venue` must name one of `adapters`.
std::vector<InstrumentConfig> read_instruments(TableReader& root, std::span<const PluginConfig> adapters);

// [backtest] with its latency, fees and [[backtest.sources]]; a source's
// `symbol` must name one of `instruments`.
BacktestConfig read_backtest_section(TableReader& root, std::span<const InstrumentConfig> instruments);

}  // namespace trellis::host
