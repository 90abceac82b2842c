#pragma once
// One loaded version of a Lua plugin's script: its sandboxed state, the
// functions its returned table defines (cached as registry refs), its event
// views and ctx, and its resolved parameters. Loading runs the chunk and
// checks everything a later call relies on, so a version that loads is one
// that can run; it may happen on any thread (the watcher loads new versions
// off the engine thread). Afterwards only the thread that calls the plugin
// touches it.

#include <array>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lua/event_views.hpp"
#include "lua/lua_limits.hpp"
#include "lua/lua_runtime.hpp"
#include "lua/script_host.hpp"
#include "lua/script_kind.hpp"
#include "lua/symbol_cache.hpp"
#include "trellis/params.hpp"
#include "util/error.hpp"
#include "util/raw_param.hpp"

namespace trellis::host {

// What every version of one plugin instance is loaded with.
struct ScriptSettings {
    std::string path;
    const ScriptKind* kind = nullptr;
    std::vector<RawParam> params;
    LuaLimits limits;
    Logger* logger = nullptr;
    ScriptHost* host = nullptr;  // outlives every version
};

class LuaProgram {
public:
    // Loads `source` (the text of settings.path). Errors say "path:line: message".
    static Result<std::unique_ptr<LuaProgram>> load(const ScriptSettings& settings, std::string_view source);

    // The table's `name`, or the file's stem.
    const std::string& name() const noexcept { return name_; }
    const std::string& path() const noexcept { return path_; }
    const Params& params() const noexcept { return params_; }
    bool has(Callback c) const noexcept { return refs_[std::size_t(c)] != kNoRef; }
    // Line where the callback's function starts (0 if absent), for messages about its results.
    int line_of(Callback c) const noexcept { return lines_[std::size_t(c)]; }

    // --- a call: push the callback, its arguments, then call() ---
    void push_callback(Callback c) noexcept;  // requires has(c)
    void push_view(ViewKind kind) noexcept;
    void push_ctx() noexcept;
    bool call(int nargs, int nresults) noexcept { return runtime_->call(nargs, nresults); }
    std::string_view error() const noexcept { return runtime_->error(); }
    void reset_stack() noexcept { runtime_->reset_stack(); }
    lua_State* state() const noexcept { return runtime_->state(); }
    // Where the host writes the event before pushing a view.
    const EventViews& views() const noexcept { return views_; }

    const MemoryAccount& memory() const noexcept { return runtime_->memory(); }

    // Interns the instruments' symbols in this state (allocates; at start or swap).
    void anchor_symbols(const Context& context) { fill_symbol_cache(runtime_->state(), *symbols_, context); }

    // The script's snapshot() as bytes (empty when it defines none or returns nil).
    Result<std::vector<std::byte>> snapshot();
    // Hands `state` (from snapshot()) to the script's restore(state). Empty bytes restore nothing.
    Result<void> restore(std::span<const std::byte> state);

    // Link of the watcher's list of replaced versions awaiting destruction.
    LuaProgram* retired_next = nullptr;

private:
    static constexpr int kNoRef = -2;  // LUA_NOREF

    LuaProgram() = default;
    Result<void> read_table(const ScriptSettings& settings, std::string_view source);
    Result<void> pin_call_values();

    std::unique_ptr<LuaRuntime> runtime_;
    std::string path_;
    std::string name_;
    Params params_;
    std::array<int, kCallbackCount> refs_{kNoRef, kNoRef, kNoRef, kNoRef, kNoRef,
                                          kNoRef, kNoRef, kNoRef, kNoRef, kNoRef};
    std::array<int, kCallbackCount> lines_{};
    SymbolCache* symbols_ = nullptr;  // lives in the state
    EventViews views_;
    int ctx_ref_ = kNoRef;
    // Stack slots (pinned below every call) of the callbacks, views and ctx:
    // copying a slot is cheaper than a registry lookup on every call.
    std::array<int, kCallbackCount> callback_slots_{};
    std::array<int, kViewKindCount> view_slots_{};
    int ctx_slot_ = 0;
};

}  // namespace trellis::host
