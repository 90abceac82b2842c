#pragma once
// Each subcommand of `trellis` registers itself on the app and, when run,
// stores its exit code: 0 ok, 2 bad config or input, 1 failure while running.

#include <CLI/CLI.hpp>

namespace trellis::cli {

void add_backtest_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_convert_command(CLI::App& app, int& exit_code);
void add_data_command(CLI::App& app, int& exit_code);
void add_plugins_command(CLI::App& app, int& exit_code);

}  // namespace trellis::cli
