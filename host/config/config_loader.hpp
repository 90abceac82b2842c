#pragma once
// Loading a configuration: TOML file → HostConfig checked against the schema.

#include <span>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "util/error.hpp"

namespace trellis::host {

// Reads and checks a TOML configuration file. `overrides` are `key.path=value`
// texts (from `--set`), applied before the schema check. On failure the error
// lists every problem, one per line: "FILE:LINE:COL: key.path: what (how to fix)".
Result<HostConfig> load_config(const std::string& path, std::span<const std::string> overrides = {});

// The text of a config file (any TOML config: the host's, trellis-influx's), or an error saying
// why not: missing, a directory, unreadable.
Result<std::string> read_config_file(const std::string& path);

// As load_config, for text already in memory. `path_for_messages` names the
// file in errors, and relative paths in the config resolve against its directory.
Result<HostConfig> parse_config(std::string_view toml_text, const std::string& path_for_messages,
                                std::span<const std::string> overrides = {});

}  // namespace trellis::host
