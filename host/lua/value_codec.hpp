#pragma once
// A script's state as bytes: what its snapshot() returns, carried to the next
// version of the script (hot reload) or to a new instance (Plugin::snapshot /
// restore). Plain values only — nil, booleans, numbers, strings and tables of
// them, nested at most 32 deep; functions, userdata and cycles are refused
// with a message naming where in the value they sit. Both directions work on
// raw table contents (no metamethods run) and allocate: use them at a swap,
// never per event.

#include <cstddef>
#include <span>
#include <vector>

#include "util/error.hpp"

struct lua_State;

namespace trellis::host {

// Encodes the value at `index` (left in place).
Result<std::vector<std::byte>> encode_lua_value(lua_State* L, int index);

// Pushes the value `bytes` encode; on error pushes nothing.
Result<void> push_decoded_lua_value(lua_State* L, std::span<const std::byte> bytes);

}  // namespace trellis::host
