#pragma once
// The host's configuration as loaded from TOML: plain data, already checked
// against the schema (types, ranges, required keys, unknown keys). Plugin
// parameters stay raw here; the plugin registry checks them against each
// plugin's own schema.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/risk_policy.hpp"
#include "trellis/types.hpp"
#include "util/raw_param.hpp"

namespace trellis::host {

// Where a value came from: "config/demo.toml:12:5: strategies[0].params.spread".
struct ConfigLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string key_path;
    std::string to_string() const;
};

struct InstrumentConfig {
    std::string symbol;
    int price_decimals = 0;
    int qty_decimals = 0;
    Price tick_size{1};    // raw, at price_decimals
    Quantity lot_size{1};  // raw, at qty_decimals
    std::string venue;     // adapter instance name; empty = the only adapter
    ConfigLocation where;
};

// One [[adapters]], [[strategies]] or [[risk.rules]] entry.
struct PluginConfig {
    std::string name;    // instance name, unique within its kind
    std::string plugin;  // registry name ("market_maker") or a path to a .so/.lua (absolute after loading)
    bool enabled = true;
    std::vector<RawParam> params;
    ConfigLocation where;
};

enum class DataFormat { Auto, Lobster, Binance, Coinbase, Binary };

// How each format is written in `format = ...` and on the command line,
// indexed by DataFormat — the one list of names (the config schema, did-you-mean
// hints and reports all use it).
inline constexpr std::array<std::string_view, 5> kDataFormatNames = {"auto", "lobster", "binance", "coinbase",
                                                                     "binary"};
static_assert(kDataFormatNames.size() == std::size_t(DataFormat::Binary) + 1, "one name per DataFormat");

constexpr std::string_view to_string(DataFormat f) noexcept { return kDataFormatNames[std::size_t(f)]; }

struct SourceConfig {
    std::string path;  // absolute after loading
    DataFormat format = DataFormat::Auto;
    std::string symbol;          // lobster, binance: the instrument the file is about
    std::string orderbook;       // lobster: the orderbook file (absolute); empty = derived from path
    std::string date;            // lobster: YYYY-MM-DD; empty = from the file name
    bool skip_bad_rows = false;  // on_error = "skip"
    ConfigLocation where;
};

struct LatencyConfig {
    Duration market_data = 0;     // exchange → strategy
    Duration order_entry = 0;     // strategy → exchange
    Duration order_response = 0;  // exchange → strategy (acks, fills)
};

struct FeeConfig {
    double maker_bps = 0.0;  // negative = rebate
    double taker_bps = 0.0;
};

struct BacktestConfig {
    bool present = false;  // a [backtest] table was given (then `sources` has at least one entry)
    std::vector<SourceConfig> sources;
    std::optional<Timestamp> start;  // events before are skipped
    std::optional<Timestamp> end;    // events at or after stop the run
    std::uint64_t seed = 0;
    double initial_cash = 0.0;                 // quote currency units
    Duration equity_interval = 1'000'000'000;  // equity.csv sampling period (simulated time)
    LatencyConfig latency;
    FeeConfig fees;
};

// [risk]: besides [[risk.rules]], what each level does and the kill file.
struct RiskConfig {
    RiskLevelPolicy policy;            // [risk.levels]
    std::string kill_file;             // absolute; empty = none. Its existence engages the kill switch.
    Duration kill_poll = 100'000'000;  // how often the kill file is looked for
};

// [lua]: limits of every Lua plugin's state.
struct LuaConfig {
    std::uint64_t instruction_budget = 100'000;  // VM instructions per call (holds inside pcall)
    std::uint64_t memory_limit_mb = 8;           // per lua_State
    int max_consecutive_errors = 3;              // then a rule is quarantined / a strategy stops
    Duration reload_poll = 200'000'000;          // how often .lua files are checked for edits
    bool hot_reload = true;
};

// [telemetry]: the ZeroMQ publisher of metrics and events (docs/telemetry.md).
// Off unless the section is present and `enabled` is not false.
struct TelemetryConfig {
    bool enabled = false;
    std::string endpoint;                         // ZeroMQ endpoint to bind, e.g. "tcp://127.0.0.1:5556"
    std::string host_id;                          // names this host in every message; default: the hostname
    Duration interval = 1'000'000'000;            // metrics sample period (host clock)
    std::uint64_t queue_capacity = 65536;         // events the engine may queue ahead of the publisher
    std::uint32_t sample_slots = 64;              // metric samples in flight between the two threads
    std::uint32_t wait_for_subscribers = 0;       // subscriptions to wait for before the run starts
    Duration subscriber_timeout = 5'000'000'000;  // how long to wait for them (then warn and go on)
    Duration linger = 5'000'000'000;              // how long shutdown waits for queued messages to leave
    // What the engine thread does when the queue or the sample slots are full: Drop (count and go on;
    // the engine never waits) or Wait (the run waits for the publisher: a backtest that must publish
    // every sample and event; never for live trading).
    enum class WhenFull : std::uint8_t { Drop, Wait } when_full = WhenFull::Drop;
    // With when_full = Drop: the publisher sends at most this many metric samples per WALL second
    // (0: no cap). A live host samples once per interval and never reaches it; a backtest makes
    // samples far faster than anything downstream can store, and the cap keeps the publisher from
    // spending a whole core on samples that would be lost further on anyway (skipped ones are
    // counted as dropped).
    std::uint32_t max_samples_per_second = 1000;
    ConfigLocation endpoint_where;  // for bind errors
};

struct HostConfig {
    std::string file;  // the config file as given
    std::string host_id = "trellis";
    std::vector<std::string> plugin_paths;  // absolute
    std::vector<InstrumentConfig> instruments;
    std::vector<PluginConfig> adapters;
    std::vector<PluginConfig> strategies;
    std::vector<PluginConfig> risk_rules;
    std::vector<PluginConfig> alert_sinks;  // [[alerts]]
    RiskConfig risk;
    LuaConfig lua;
    BacktestConfig backtest;
    TelemetryConfig telemetry;
};

}  // namespace trellis::host
