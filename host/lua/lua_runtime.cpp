#include "lua/lua_runtime.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstring>
#include <lua.hpp>

namespace trellis::host {

namespace {

constexpr int kHandlerIndex = 1;

LuaRuntime*& runtime_of(lua_State* L) noexcept { return *static_cast<LuaRuntime**>(lua_getextraspace(L)); }

// The message handler of every call: makes sure the message is text and
// starts with the position of the innermost script line (error("x", 0),
// errors thrown as tables and errors raised by C functions called from a
// script would otherwise carry none).
int locate_error(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING && lua_type(L, 1) != LUA_TNUMBER) {
        if (luaL_callmeta(L, 1, "__tostring") == 0 || lua_type(L, -1) != LUA_TSTRING)
            lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        lua_replace(L, 1);
    }
    const char* message = lua_tostring(L, 1);
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar) != 0; ++level) {
        if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) continue;
        const std::size_t n = std::strlen(ar.short_src);
        if (std::strncmp(message, ar.short_src, n) == 0 && message[n] == ':') return 1;
        lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, message);
        return 1;
    }
    return 1;
}

// Warnings only come from finalizers, which the sandbox does not allow; keep
// them off stderr all the same.
void ignore_warning(void*, const char*, int) {}

void copy_text(std::array<char, 512>& out, std::string_view text) noexcept {
    const std::size_t n = std::min(text.size(), out.size() - 1);
    std::memcpy(out.data(), text.data(), n);
    out[n] = '\0';
}

}  // namespace

LuaRuntime::LuaRuntime(const LuaLimits& limits, Logger& logger, std::string log_source)
    : memory_(limits.memory_limit),
      print_{&logger, std::move(log_source)},
      budget_(int(std::clamp<std::uint64_t>(limits.instruction_budget, 1, INT_MAX))) {}

Result<std::unique_ptr<LuaRuntime>> LuaRuntime::create(const LuaLimits& limits, Logger& logger,
                                                       std::string log_source) {
    std::unique_ptr<LuaRuntime> runtime(new LuaRuntime(limits, logger, std::move(log_source)));
    lua_State* L = lua_newstate(&MemoryAccount::allocate, &runtime->memory_);
    if (L == nullptr) return fail("cannot create a Lua state (out of memory)");
    runtime->L_ = L;
    runtime->memory_.attach(L);
    runtime_of(L) = runtime.get();
    lua_setwarnf(L, &ignore_warning, nullptr);
    install_sandbox(L, runtime->print_);
    lua_pushcfunction(L, &locate_error);  // slot kHandlerIndex for the state's whole life
    lua_gc(L, LUA_GCGEN, 0, 0);           // short pauses; scripts that allocate per call make young garbage
    runtime->arm_budget();
    return runtime;
}

LuaRuntime::~LuaRuntime() {
    if (L_ != nullptr) lua_close(L_);
}

void LuaRuntime::arm_budget() noexcept { lua_sethook(L_, &LuaRuntime::budget_hook, LUA_MASKCOUNT, budget_); }

// Fires once the budget is spent. It re-arms itself to fire on every further
// instruction, so a script that catches the error with pcall gets it again at
// its very next instruction, until the outermost call returns (the next call()
// re-arms the full budget; no script code runs between calls).
void LuaRuntime::budget_hook(lua_State* L, lua_Debug*) {
    const LuaRuntime* self = runtime_of(L);
    lua_sethook(L, &LuaRuntime::budget_hook, LUA_MASKCOUNT, 1);
    luaL_where(L, 0);  // a hook has no frame of its own: level 0 is the script line
    lua_pushfstring(L, "instruction budget of %d exceeded (an endless loop?)", self->budget_);
    lua_concat(L, 2);
    lua_error(L);
}

void LuaRuntime::reset_stack() noexcept { lua_settop(L_, base_); }

void LuaRuntime::pin_stack() noexcept { base_ = lua_gettop(L_); }

bool LuaRuntime::call(int nargs, int nresults) noexcept {
    arm_budget();
    memory_.enforce(true);
    const int status = lua_pcall(L_, nargs, nresults, kHandlerIndex);
    memory_.enforce(false);
    if (status == LUA_OK) return true;
    record_failure(status);
    return false;
}

bool LuaRuntime::run_chunk(std::string_view source, const std::string& chunk_name) noexcept {
    memory_.enforce(true);
    const int status = luaL_loadbufferx(L_, source.data(), source.size(), chunk_name.c_str(), "t");
    memory_.enforce(false);
    if (status != LUA_OK) {
        record_failure(status);
        return false;
    }
    return call(0, 1);
}

void LuaRuntime::record_failure(int status) noexcept {
    if (status == LUA_ERRMEM) {
        // No message handler ran; the account noted the line it refused at.
        const std::string_view where = memory_.refused_at();
        std::snprintf(error_.data(), error_.size(), "%.*s%smemory limit of %zu KiB exceeded", int(where.size()),
                      where.data(), where.empty() ? "" : ": ", memory_.limit() / 1024);
    } else if (status == LUA_ERRERR) {
        copy_text(error_, "error while handling an error (memory limit reached?)");
    } else {
        std::size_t size = 0;
        const char* text = lua_tolstring(L_, -1, &size);
        copy_text(error_, text != nullptr ? std::string_view(text, size) : std::string_view("unknown error"));
    }
    reset_stack();
}

}  // namespace trellis::host
