#pragma once
// A script's parameters. The `params` table of the returned table declares
// each key with its default, and the default's Lua type is the parameter's
// type (integer → int, other number → float, boolean, string). The
// configuration's values are then checked exactly like a shared-library
// plugin's schema (validate_params): unknown keys with a did-you-mean among
// the declared ones, wrong types (an int is fine for a float), every problem
// reported at the configuration value's own location.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trellis/plugin.hpp"
#include "util/error.hpp"
#include "util/raw_param.hpp"

struct lua_State;

namespace trellis::host {

struct DeclaredParam {
    std::string key;
    ParamType type;
    std::string default_text;  // as a schema writes it: "10", "0.5", "true", "AMZN"
};

// Reads the declaration table at `index` (nil: no parameters), sorted by key.
// On error: "params.<key>: what is wrong", without a location (the caller has it).
Result<std::vector<DeclaredParam>> read_declared_params(lua_State* L, int index);

// The configuration's `raw` values checked against the declaration, defaults
// filled in. `plugin` and `script_name` name the script in messages.
Result<Params> resolve_params(std::span<const DeclaredParam> declared, PluginKind plugin,
                              const std::string& script_name, std::span<const RawParam> raw, std::string_view where);

// Pushes a table of the resolved values.
void push_params_table(lua_State* L, const Params& params);

}  // namespace trellis::host
