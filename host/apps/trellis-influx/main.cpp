// trellis-influx — subscribes to the hosts' telemetry and writes it to InfluxDB.
// docs/trellis-influx.md describes the config, the metrics and the exit codes.

#include <CLI/CLI.hpp>
#include <iostream>

#include "influx_writer/shutdown_signals.hpp"
#include "influx_writer/writer_config.hpp"
#include "influx_writer/writer_run.hpp"
#include "util/logger.hpp"

namespace writer = trellis::host::influx_writer;

int main(int argc, char** argv) {
    // First, before any thread exists, so every thread inherits the blocked mask.
    auto signals = writer::ShutdownSignals::block_and_open();
    if (!signals) {
        std::cerr << "trellis-influx: " << signals.error().message << '\n';
        return writer::kExitStartFailed;
    }
    CLI::App app{"trellis-influx: writes Trellis hosts' telemetry to InfluxDB"};
    std::string config_path;
    bool check_only = false;
    app.add_option("--config", config_path, "TOML configuration file")->required();
    app.add_flag("--check", check_only, "validate the configuration and exit (0 valid, 2 invalid)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? writer::kExitOk : writer::kExitBadConfig;
    }
    auto config = writer::load_writer_config(config_path, writer::environment_of_this_process());
    if (!config) {
        std::cerr << config.error().message << '\n';
        return writer::kExitBadConfig;
    }
    if (check_only) {
        std::cout << config_path << ": OK (" << config->host_endpoints.size() << " host endpoint(s), InfluxDB "
                  << config->sender.url << " database " << config->sender.database << ")\n";
        return writer::kExitOk;
    }
    trellis::host::Logger logger;
    return writer::run_writer(*config, logger, signals->fd(), std::cout);
}
