#pragma once
// The checked configuration of trellis-influx (docs/trellis-influx.md lists
// every key). Read from TOML with the host's schema readers, so errors look
// like the host's: "FILE:LINE:COL: key.path: what (how to fix)", all at once.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "influx/influx_sender.hpp"
#include "util/error.hpp"

namespace trellis::host::influx_writer {

// When the batcher seals a batch: at max_points lines, or when its oldest line is max_delay old.
struct BatchLimits {
    std::size_t max_points = 5000;
    std::chrono::nanoseconds max_delay = std::chrono::seconds(1);
};

struct WriterConfig {
    std::string file;                         // the config file, for messages
    std::string writer_id;                    // tag `writer` on the writer's own metrics
    std::vector<std::string> host_endpoints;  // ZeroMQ endpoints of the hosts' telemetry sockets
    influx::SenderConfig sender;
    bool create_database = true;  // CREATE DATABASE once at start (a failure is only a warning)
    BatchLimits batch;
    std::chrono::nanoseconds self_metrics_interval = std::chrono::seconds(1);
    std::chrono::nanoseconds shutdown_timeout = std::chrono::seconds(30);
};

// What the configuration may take from outside the file: passed in rather
// than read inside, so tests do not depend on the machine.
struct WriterEnvironment {
    std::optional<std::string> password;  // TRELLIS_INFLUX_PASSWORD; used when the file sets none
    std::string hostname;                 // default writer_id
};

inline constexpr const char* kPasswordVariable = "TRELLIS_INFLUX_PASSWORD";

// TRELLIS_INFLUX_PASSWORD and gethostname() of this process.
WriterEnvironment environment_of_this_process();

// Checks `toml_text` as if read from `path` (relative paths resolve against its directory).
Result<WriterConfig> parse_writer_config(std::string_view toml_text, const std::string& path,
                                         const WriterEnvironment& environment);

// Reads and checks a config file.
Result<WriterConfig> load_writer_config(const std::string& path, const WriterEnvironment& environment);

// Whether an http(s) URL names this machine: localhost, 127.0.0.0/8 or [::1].
bool is_loopback_url(std::string_view url);
// What `[influx] gzip = "auto"` (the default) means for `url`: compress unless InfluxDB is on this
// machine, where compressing costs both processes CPU and saves only free bandwidth.
bool gzip_auto_for(std::string_view url);

}  // namespace trellis::host::influx_writer
