#pragma once
// Checks a configuration's raw parameters against a plugin's schema and
// produces the Params the plugin's factory receives.

#include <span>
#include <string_view>

#include "trellis/plugin.hpp"
#include "util/error.hpp"
#include "util/raw_param.hpp"

namespace trellis::host {

// Every schema key ends up in the result, in schema order, with its declared
// type: given values are type-checked (an int is accepted for a float and
// widened; nothing else coerces) and range-checked; absent ones take their
// default; an absent required one (no default) is an error. Unknown keys are
// errors with a did-you-mean hint. ALL problems are reported, one per line,
// each prefixed by the offending value's own `where`; problems about absent
// keys are prefixed by `where` (the plugin's entry in the configuration).
Result<Params> validate_params(const PluginManifest& manifest, std::span<const RawParam> raw,
                               std::string_view where = {});

}  // namespace trellis::host
