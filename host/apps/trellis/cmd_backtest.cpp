// trellis backtest CONFIG [--set key.path=value ...] [--out DIR] [--json]

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "backtest_summary.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "config/config_loader.hpp"
#include "kernel/backtest.hpp"
#include "plugin/shipped_plugins.hpp"
#include "util/logger.hpp"

namespace trellis::cli {

namespace {
struct BacktestArgs {
    std::string config;
    std::vector<std::string> overrides;
    std::string out_dir;
    bool json = false;
    std::string log_level = "error";
};

LogLevel parse_log_level(const std::string& s) {
    if (s == "debug") return LogLevel::Debug;
    if (s == "info") return LogLevel::Info;
    if (s == "warn") return LogLevel::Warn;
    return LogLevel::Error;
}

// A one-line bar redrawn in place; only used when stdout is a terminal.
void draw_progress(double fraction, std::uint64_t events) {
    if (fraction < 0) {
        std::printf("\r  %llu events", static_cast<unsigned long long>(events));
    } else {
        constexpr int kWidth = 40;
        const int filled = int(fraction * kWidth);
        std::printf("\r  [%.*s%*s] %5.1f%%  %llu events", filled,
                    "========================================", kWidth - filled, "", fraction * 100.0,
                    static_cast<unsigned long long>(events));
    }
    std::fflush(stdout);
}

int run(const BacktestArgs& args) {
    auto config = host::load_config(args.config, args.overrides);
    if (!config) {
        print_error(config.error().message);
        return kExitBadInput;
    }
    host::Logger logger(parse_log_level(args.log_level));
    host::BacktestOptions options;
    options.out_dir = args.out_dir;
    options.default_plugin_paths = host::shipped_plugin_paths();
    const bool bar = !args.json && stdout_is_terminal();
    if (bar) options.progress = draw_progress;
    auto report = host::run_backtest(*config, options, logger);
    if (bar) std::printf("\r%*s\r", 80, "");
    if (!report) {
        print_error(report.error().message);
        return report.error().stage == host::BacktestError::Stage::Input ? kExitBadInput : kExitFailure;
    }
    std::cout << (args.json ? format_summary_json(*report) + "\n" : format_summary_text(*report));
    if (!args.out_dir.empty() && !args.json)
        std::cout << "  wrote orders.csv, fills.csv, equity.csv to " << args.out_dir << '\n';
    return kExitOk;
}
}  // namespace

void add_backtest_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<BacktestArgs>();
    CLI::App* cmd = app.add_subcommand("backtest", "Run a backtest described by a TOML configuration");
    cmd->add_option("config", args->config, "Configuration file")->required();
    cmd->add_option("--set", args->overrides, "Override a configuration value: key.path=value (repeatable)");
    cmd->add_option("--out", args->out_dir, "Write orders.csv, fills.csv and equity.csv to this directory");
    cmd->add_flag("--json", args->json, "Print the summary as one JSON object");
    cmd->add_option("--log-level", args->log_level, "Log to stderr from this level: debug, info, warn, error")
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
        ->capture_default_str();
    cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace trellis::cli
