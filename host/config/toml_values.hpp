#pragma once
// Small conversions from TOML++ nodes, shared by the --set overrides and the
// schema readers. TOML's own dates and date-times go through the same checks
// (util/time_text.hpp) as the ones written as strings.

#include <toml++/toml.h>

#include <chrono>
#include <memory>
#include <string_view>

#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::host {

// An offset date-time as nanoseconds since the epoch, UTC. A local date-time
// (no offset) is refused: a backtest must not depend on the machine's zone.
Result<Timestamp> timestamp_from_toml(const toml::date_time& value);

// A TOML date as days since the epoch; refuses impossible dates and years
// outside 1678..2261.
Result<std::chrono::sys_days> days_from_toml(const toml::date& value);

// Parses `text` as a single TOML value (what follows `key = `), or nullptr if
// it is not exactly one valid value. `source_label` becomes the node's source
// path, so errors about it can name where it came from.
std::unique_ptr<toml::node> parse_toml_value(std::string_view text, std::string_view source_label);

// "a string", "an integer", "a table", ... for "expected X, got Y" messages.
std::string_view describe_type(const toml::node& node);

}  // namespace trellis::host
