// trellis — run backtests, validate configurations, convert and inspect market data.

#include <CLI/CLI.hpp>

#include "cli_support.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Trellis: a deterministic trading-strategy host"};
    app.require_subcommand(1);
    int exit_code = trellis::cli::kExitOk;
    trellis::cli::add_backtest_command(app, exit_code);
    trellis::cli::add_validate_command(app, exit_code);
    trellis::cli::add_convert_command(app, exit_code);
    trellis::cli::add_data_command(app, exit_code);
    trellis::cli::add_plugins_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : trellis::cli::kExitBadInput;
    }
    return exit_code;
}
