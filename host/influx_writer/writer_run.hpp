#pragma once
// trellis-influx from a checked config to exit: create the database, open the
// sender (which recovers the spool), subscribe to every host, receive and
// batch until `stop_fd` is readable, then deliver what it can within
// shutdown.timeout and print the summary.

#include <ostream>

#include "influx_writer/writer_config.hpp"

namespace trellis::host {
class Logger;
}

namespace trellis::host::influx_writer {

inline constexpr int kExitOk = 0;
inline constexpr int kExitStartFailed = 1;  // the spool, the dead-letter file or an endpoint could not be opened
inline constexpr int kExitBadConfig = 2;    // the configuration or the command line is invalid

// Returns the process exit code. The summary goes to `summary_out`, log lines to `logger`.
int run_writer(const WriterConfig& config, Logger& logger, int stop_fd, std::ostream& summary_out);

}  // namespace trellis::host::influx_writer
