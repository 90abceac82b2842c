#pragma once
// One sandboxed lua_State with its memory cap and instruction budget: the unit
// each Lua plugin instance (and each reloaded version of it) owns. Every call
// into script code goes through call(), which re-arms the budget, caps memory
// for the duration and, when anything fails, leaves "file:line: message" in
// error() — for syntax and runtime errors, budget and memory overruns alike.
//
// Stack discipline: slot 1 always holds the message handler, then any values
// pinned with pin_stack(); callers push a function and its arguments above
// them, and results are theirs to pop (reset_stack() returns to the base).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lua/lua_limits.hpp"
#include "lua/memory_account.hpp"
#include "lua/sandbox.hpp"
#include "util/error.hpp"

struct lua_State;
struct lua_Debug;

namespace trellis::host {

class LuaRuntime {
public:
    // A fresh state with the sandbox installed. `log_source` tags print() output.
    static Result<std::unique_ptr<LuaRuntime>> create(const LuaLimits& limits, Logger& logger, std::string log_source);
    ~LuaRuntime();
    LuaRuntime(const LuaRuntime&) = delete;
    LuaRuntime& operator=(const LuaRuntime&) = delete;

    lua_State* state() const noexcept { return L_; }

    // Compiles `source` as a text chunk named `chunk_name` ("@path") and runs
    // it, leaving its first result on the stack. False on error (see error()).
    bool run_chunk(std::string_view source, const std::string& chunk_name) noexcept;

    // Calls the function pushed below `nargs` arguments, leaving `nresults`
    // results. False on error, with the stack back at the base. Allocates
    // nothing itself.
    bool call(int nargs, int nresults) noexcept;

    // Why the last failed call failed: "file:line: message" where Lua knows a line.
    std::string_view error() const noexcept { return std::string_view(error_.data()); }

    // Pops everything above the message handler and the pinned values.
    void reset_stack() noexcept;
    // Makes the values now on the stack part of the base, kept for the
    // state's life (setup only, before calls).
    void pin_stack() noexcept;

    const MemoryAccount& memory() const noexcept { return memory_; }
    std::uint64_t instruction_budget() const noexcept { return budget_; }

private:
    LuaRuntime(const LuaLimits& limits, Logger& logger, std::string log_source);
    void arm_budget() noexcept;
    void record_failure(int status) noexcept;
    static void budget_hook(lua_State* L, lua_Debug* ar);

    MemoryAccount memory_;
    PrintTarget print_;
    int budget_;  // instructions per call, clamped to what the hook's counter holds
    lua_State* L_ = nullptr;
    int base_ = 1;  // the message handler and the pinned values
    std::array<char, 512> error_{};
};

}  // namespace trellis::host
