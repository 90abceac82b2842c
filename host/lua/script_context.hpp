#pragma once
// `ctx`, the second argument of every callback: a userdata created once per
// lua_State whose metatable's __index is a read-only table of C functions
// (ctx.position(symbol), ctx.buy(...), ...) plus ctx.params. Which functions
// it has depends on the plugin kind; docs/lua.md lists them. The functions
// reach the host through the instance's ScriptHost and allocate nothing in
// steady state (metric gauges are looked up once per name).

#include "lua/script_host.hpp"
#include "lua/symbol_cache.hpp"
#include "trellis/plugin.hpp"

struct lua_State;

namespace trellis::host {

// Creates ctx for `kind` with `params` (the table at `params_index`, exposed
// read-only) and returns its registry ref. Host-side setup, before any call;
// `host` and `symbols` must outlive the state.
int create_script_context(lua_State* L, ScriptHost& host, SymbolCache& symbols, PluginKind kind, int params_index);

}  // namespace trellis::host
