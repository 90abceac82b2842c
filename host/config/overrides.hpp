#pragma once
// --set overrides ("backtest.seed=7", "strategies.mm.params.spread_ticks=3"),
// applied to the parsed TOML document BEFORE the schema check, so a bad
// override is reported exactly like a bad entry in the file.
//
// Every node an override inserts carries the override's own text
// ("--set 'backtest.seed=7'") as its TOML source path; SchemaContext::locate
// then names the override instead of a file position.

#include <toml++/toml.h>

#include <span>
#include <string>

#include "config/config_errors.hpp"

namespace trellis::host {

// Path segments are separated by '.'; an array-of-tables element is addressed
// by index ("strategies.0") or by its `name` (or an instrument's `symbol`).
// The value is read as a TOML value (3, 0.5, true, "text", [1,2]) or, failing
// that, taken as a bare string. Missing intermediate tables are created.
// Problems (no '=', a path through a non-table, unknown element) are added to
// `errors` and that override is skipped.
void apply_overrides(toml::table& root, std::span<const std::string> overrides, ConfigErrors& errors);

}  // namespace trellis::host
