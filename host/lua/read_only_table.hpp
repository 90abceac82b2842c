#pragma once
// Read-only views of Lua tables: what scripts get instead of the sandbox's
// library tables (string, math, ...) and the configured parameters. Reads go
// straight to the real table through __index (no C call on the fast path);
// writes, rawset and setmetatable fail with a message naming what was
// attempted; pairs() and # work as on the real table.

struct lua_State;

namespace trellis::host {

// Pushes a read-only proxy of the table at `table_index`. `name` is how error
// messages call it ("string", "params"); `why` completes "cannot modify
// 'name.key': <why>". Both must be string literals (kept by pointer).
void push_read_only_proxy(lua_State* L, int table_index, const char* name, const char* why);

// True when the value at `index` is a proxy made by push_read_only_proxy.
bool is_read_only_proxy(lua_State* L, int index);

}  // namespace trellis::host
