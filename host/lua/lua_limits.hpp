#pragma once
// The limits every Lua plugin instance runs under, configured once per host
// (the [lua] table of the configuration; docs/lua.md names its keys).

#include <cstddef>
#include <cstdint>

#include "trellis/types.hpp"

namespace trellis::host {

struct LuaLimits {
    // VM instructions one call into a script may execute (the chunk's top level
    // counts as one call). Holds inside pcall: once spent, every further
    // instruction raises until the outermost call returns. Config: instruction_budget.
    std::uint64_t instruction_budget = 100'000;
    // Bytes one lua_State may hold while script code runs. Config: memory_limit_mb.
    std::size_t memory_limit = 8u << 20;
    // Errors in a row after which a risk rule is quarantined and a strategy stops
    // trading (until the file is reloaded). Config: max_consecutive_errors.
    int max_consecutive_errors = 3;
    // How often the watcher thread checks the file for edits. Config: reload_poll (a duration).
    Duration reload_poll = 200'000'000;
    // Whether edits to the file are loaded while the host runs. Config: hot_reload.
    bool hot_reload = true;
};

}  // namespace trellis::host
