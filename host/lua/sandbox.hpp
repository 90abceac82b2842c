#pragma once
// The allow-list sandbox every Lua plugin runs in. What a script can reach:
// the safe base functions, string (without dump), math, table, utf8 and
// os.clock; load() of source text only; print() into the host log. Everything
// else (io, the rest of os, debug, package, require, dofile, loadfile,
// coroutine, binary chunks, __gc finalizers, collectgarbage other than
// "count") fails with an error that names what was attempted. The globals the
// sandbox provides and its library tables are read-only; a script may still
// create globals of its own. docs/lua.md lists every rule and message.

#include <string>

#include "util/logger.hpp"

struct lua_State;

namespace trellis::host {

// Where print() goes: the host log at Info, tagged with `source`. Must outlive the state.
struct PrintTarget {
    Logger* logger = nullptr;
    std::string source;
};

// Installs the sandbox into a fresh state (before any script code runs). The
// state's global table becomes the scripts' environment.
void install_sandbox(lua_State* L, PrintTarget& print);

}  // namespace trellis::host
