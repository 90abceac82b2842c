// trellis validate CONFIG — checks a configuration without running it: the
// schema, every plugin (found, loadable, right kind, parameters valid) and
// every data source (present and readable).

#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "config/config_loader.hpp"
#include "kernel/backtest.hpp"
#include "plugin/shipped_plugins.hpp"
#include "util/logger.hpp"

namespace trellis::cli {

namespace {
int run(const std::string& path, const std::vector<std::string>& overrides) {
    auto config = host::load_config(path, overrides);
    if (!config) {
        print_error(config.error().message);
        return kExitBadInput;
    }
    host::BacktestOptions options;
    options.default_plugin_paths = host::shipped_plugin_paths();
    host::Logger logger(LogLevel::Error);
    auto prepared = host::prepare_backtest(*config, options, logger);
    if (!prepared) {
        print_error(prepared.error().message);
        return kExitBadInput;
    }
    const auto& p = **prepared;
    std::cout << path << ": OK — " << p.instruments.size() << " instrument(s), " << p.adapters.size() << " adapter(s), "
              << p.risk_rules.size() << " risk rule(s), " << p.strategies.size() << " strategy(ies), "
              << p.sources.size() << " data source(s)\n";
    return kExitOk;
}
}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
    auto path = std::make_shared<std::string>();
    auto overrides = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("validate", "Check a configuration file without running it");
    cmd->add_option("config", *path, "Configuration file")->required();
    cmd->add_option("--set", *overrides, "Override a configuration value: key.path=value (repeatable)");
    cmd->callback([path, overrides, &exit_code] { exit_code = run(*path, *overrides); });
}

}  // namespace trellis::cli
