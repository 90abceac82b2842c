#include "lua/lua_program.hpp"

#include <filesystem>
#include <lua.hpp>

#include "lua/script_context.hpp"
#include "lua/script_params.hpp"
#include "lua/script_source.hpp"
#include "lua/value_codec.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

// The keys a kind's table may hold: name, params and its callbacks.
std::vector<std::string_view> valid_keys(const ScriptKind& kind) {
    std::vector<std::string_view> keys{"name", "params"};
    for (Callback c : kind.allowed) keys.push_back(callback_name(c));
    return keys;
}

std::string callback_list(std::span<const Callback> callbacks) {
    std::vector<std::string_view> names;
    for (Callback c : callbacks) names.push_back(callback_name(c));
    return join(names);
}

}  // namespace

Result<std::unique_ptr<LuaProgram>> LuaProgram::load(const ScriptSettings& settings, std::string_view source) {
    const std::string& path = settings.path;
    if (!source.empty() && source.front() == LUA_SIGNATURE[0])
        return fail(path + ": is a precompiled (binary) Lua chunk; the host loads only Lua source text");
    std::unique_ptr<LuaProgram> program(new LuaProgram());
    program->path_ = path;
    program->name_ = std::filesystem::path(path).stem().string();
    auto runtime = LuaRuntime::create(settings.limits, *settings.logger, "lua:" + program->name_);
    if (!runtime) return fail(path + ": " + runtime.error().message);
    program->runtime_ = std::move(*runtime);
    if (!program->runtime_->run_chunk(source, "@" + path)) {
        const std::string_view error = program->runtime_->error();
        // Lua names the chunk itself (shortened with "..." when long); errors
        // without a script line, such as memory refused while compiling, get the path.
        if (error.starts_with(path) || error.starts_with("...")) return fail(std::string(error));
        return fail(path + ": " + std::string(error));
    }
    if (auto checked = program->read_table(settings, source); !checked) return std::unexpected(checked.error());
    program->reset_stack();
    if (auto pinned = program->pin_call_values(); !pinned) return std::unexpected(pinned.error());
    lua_gc(program->state(), LUA_GCCOLLECT);  // start clean: the chunk's garbage is not the first call's cost
    return program;
}

Result<void> LuaProgram::read_table(const ScriptSettings& settings, std::string_view source) {
    lua_State* L = state();
    const ScriptKind& kind = *settings.kind;
    const ScriptSource text(source);
    const int return_line = text.return_line();
    const auto at = [&](int line) { return path_ + ":" + std::to_string(line) + ": "; };

    if (lua_type(L, -1) != LUA_TTABLE)
        return fail(at(return_line) + "the script must return its table, e.g. " + std::string(kind.example) +
                    "; it returned " + luaL_typename(L, -1));
    const int table = lua_gettop(L);

    const std::vector<std::string_view> keys = valid_keys(kind);
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return fail(at(return_line) + "the returned table has a " + luaL_typename(L, -2) +
                        " key; its keys are names: " + join(keys));
        const std::string key = lua_tostring(L, -2);
        // Usually the table is written out at the final return; else the key
        // may sit anywhere (M.check = ... style finds nothing and points at the return).
        const int key_line = text.key_line(key, return_line, text.key_line(key, 1, return_line));
        if (key == "name") {
            if (lua_type(L, -1) != LUA_TSTRING)
                return fail(at(key_line) + "name must be a string, it is a " + luaL_typename(L, -1));
            name_ = lua_tostring(L, -1);
            lua_pop(L, 1);
            continue;
        }
        if (key == "params") {
            lua_pop(L, 1);
            continue;
        }
        const Callback* callback = nullptr;
        for (const Callback& c : kind.allowed)
            if (callback_name(c) == key) callback = &c;
        if (callback == nullptr) {
            std::string hint = did_you_mean(key, keys);
            if (hint.empty())
                hint = "; the table of a " + std::string(to_string(kind.kind)) + " may hold " + join(keys);
            return fail(at(key_line) + "unknown key '" + key + "' in the returned table" + hint);
        }
        if (lua_type(L, -1) != LUA_TFUNCTION)
            return fail(at(key_line) + key + " must be a function, it is a " + luaL_typename(L, -1));
        lua_Debug ar;
        lua_pushvalue(L, -1);
        lua_getinfo(L, ">S", &ar);
        lines_[std::size_t(*callback)] = ar.linedefined;
        refs_[std::size_t(*callback)] = luaL_ref(L, LUA_REGISTRYINDEX);  // pops the value, keeps the key for lua_next
    }

    for (Callback c : kind.required)
        if (!has(c))
            return fail(at(return_line) + "the returned table has no '" + std::string(callback_name(c)) +
                        "' function; add it, e.g. " + std::string(kind.example));
    if (kind.needs_some_callback) {
        bool any = false;
        for (Callback c : kind.allowed) any = any || has(c);
        if (!any)
            return fail(at(return_line) + "the returned table defines no callback; define at least one of " +
                        callback_list(kind.allowed));
    }

    const int params_line = text.key_line("params", return_line, text.key_line("params", 1, return_line));
    lua_pushliteral(L, "params");
    lua_rawget(L, table);
    auto declared = read_declared_params(L, -1);
    lua_pop(L, 1);
    if (!declared) return fail(at(params_line) + declared.error().message);
    auto params = resolve_params(*declared, kind.kind, name_, settings.params, path_);
    if (!params) {
        std::vector<std::string_view> names;
        for (const auto& p : *declared) names.push_back(p.key);
        return fail(params.error().message + "\n" + at(params_line) + "the script declares its parameters here (" +
                    (names.empty() ? std::string("none") : join(names)) + ")");
    }
    params_ = std::move(*params);

    push_params_table(L, params_);
    symbols_ = create_symbol_cache(L);
    views_ = create_event_views(L, *settings.host, *symbols_);
    ctx_ref_ = create_script_context(L, *settings.host, *symbols_, kind.kind, -1);
    return {};
}

Result<void> LuaProgram::pin_call_values() {
    lua_State* L = state();
    if (lua_checkstack(L, int(kCallbackCount + kViewKindCount + 1)) == 0)
        return fail(path_ + ": cannot grow the Lua stack (out of memory)");
    lua_rawgeti(L, LUA_REGISTRYINDEX, ctx_ref_);
    ctx_slot_ = lua_gettop(L);
    for (std::size_t k = 0; k < kViewKindCount; ++k) {
        host::push_view(L, views_, ViewKind(k));
        view_slots_[k] = lua_gettop(L);
    }
    for (std::size_t c = 0; c < kCallbackCount; ++c) {
        if (refs_[c] == kNoRef) continue;
        lua_rawgeti(L, LUA_REGISTRYINDEX, refs_[c]);
        callback_slots_[c] = lua_gettop(L);
    }
    runtime_->pin_stack();
    return {};
}

void LuaProgram::push_callback(Callback c) noexcept { lua_pushvalue(state(), callback_slots_[std::size_t(c)]); }

void LuaProgram::push_view(ViewKind kind) noexcept { lua_pushvalue(state(), view_slots_[std::size_t(kind)]); }

void LuaProgram::push_ctx() noexcept { lua_pushvalue(state(), ctx_slot_); }

Result<std::vector<std::byte>> LuaProgram::snapshot() {
    if (!has(Callback::Snapshot)) return std::vector<std::byte>{};
    push_callback(Callback::Snapshot);
    if (!call(0, 1)) return fail("snapshot() failed: " + std::string(error()));
    if (lua_isnil(state(), -1)) {
        reset_stack();
        return std::vector<std::byte>{};
    }
    auto bytes = encode_lua_value(state(), -1);
    reset_stack();
    if (!bytes)
        return fail(path_ + ":" + std::to_string(line_of(Callback::Snapshot)) +
                    ": snapshot() returned a value that cannot be carried over: " + bytes.error().message);
    return bytes;
}

Result<void> LuaProgram::restore(std::span<const std::byte> state) {
    if (state.empty()) return {};
    if (!has(Callback::Restore))
        return fail(path_ + ": the script defines no restore(state), so it cannot take over a saved state");
    push_callback(Callback::Restore);
    if (auto decoded = push_decoded_lua_value(this->state(), state); !decoded) {
        reset_stack();
        return fail(path_ + ": " + decoded.error().message);
    }
    if (!call(1, 0)) return fail("restore() failed: " + std::string(error()));
    reset_stack();
    return {};
}

}  // namespace trellis::host
