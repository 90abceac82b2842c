#include "lua/sandbox.hpp"

#include <lua.hpp>
#include <string_view>

#include "lua/read_only_table.hpp"

namespace trellis::host {

namespace {

// Base functions that cannot reach outside the state.
constexpr const char* kSafeBaseFunctions[] = {"assert", "error",        "ipairs",   "next",     "pairs", "pcall",
                                              "xpcall", "select",       "tonumber", "tostring", "type",  "rawequal",
                                              "rawget", "getmetatable", "rawlen",   "_VERSION"};

constexpr const char* kGlobalsMetatableAnswer = "the sandbox's globals are protected";
constexpr const char* kLibraryWhy = "library tables are read-only in the Lua sandbox";

// A removed function: raises its message. Upvalue: the message.
int unavailable_function(lua_State* L) { return luaL_error(L, "%s", lua_tostring(L, lua_upvalueindex(1))); }

// __index of a library's own table, reached only for names it does not have.
// Upvalues: library name, why it is unavailable, and either a set of the
// forbidden names (others read as nil) or nil (every missing name is forbidden).
int guard_library_index(lua_State* L) {
    if (lua_type(L, lua_upvalueindex(3)) == LUA_TTABLE) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(3)) == LUA_TNIL) return 1;  // not forbidden: plain nil
    }
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "%s.%s is not available in the Lua sandbox: %s", lua_tostring(L, lua_upvalueindex(1)), key,
                      lua_tostring(L, lua_upvalueindex(2)));
}

// __newindex of the globals. Upvalue: the sandbox's own globals (base).
int guard_global_write(lua_State* L) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) {
        const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
        return luaL_error(L, "cannot replace '%s': the sandbox's globals are read-only (use a local or another name)",
                          key);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

// rawset that cannot get around the read-only guards. Upvalue: base.
int sandbox_rawset(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (is_read_only_proxy(L, 1))
        return luaL_error(L, "rawset: cannot modify a read-only table (library tables and params are read-only)");
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    const bool globals = lua_rawequal(L, -1, 1) != 0;
    lua_pop(L, 1);
    if (globals) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) {
            const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
            return luaL_error(L, "rawset: cannot replace '%s': the sandbox's globals are read-only", key);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

// setmetatable without __gc: finalizers would run at unpredictable times
// (breaking determinism) and possibly on the thread that frees an old version.
// Upvalue: the real setmetatable.
int sandbox_setmetatable(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        const bool finalizer = lua_rawget(L, 2) != LUA_TNIL;
        lua_pop(L, 1);
        if (finalizer)
            return luaL_error(L,
                              "setmetatable: __gc finalizers are not available in the Lua sandbox "
                              "(they would run at unpredictable times)");
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// load(chunk [, chunkname [, mode [, env]]]) for source text only. Syntax
// errors return nil and the message as usual; an attempt to load a binary
// chunk or to ask for another mode raises, because it is an escape attempt
// rather than a mistake in the text.
int sandbox_load(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_error(L, "load: only source text (a string) can be loaded in the Lua sandbox");
    std::size_t size = 0;
    const char* text = lua_tolstring(L, 1, &size);
    const char* mode = luaL_optstring(L, 3, "t");
    if (std::string_view(mode) != "t")
        return luaL_error(L, "load: mode '%s' is refused by the Lua sandbox; only text chunks (mode 't') load", mode);
    if (size > 0 && text[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "load: binary chunks are refused by the Lua sandbox; load source text only");
    const char* name = luaL_optstring(L, 2, text);
    const bool has_env = !lua_isnone(L, 4);
    if (luaL_loadbufferx(L, text, size, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (lua_setupvalue(L, -2, 1) == nullptr) lua_pop(L, 1);
    }
    return 1;
}

// collectgarbage("count") only: the host decides when to collect.
int sandbox_collectgarbage(lua_State* L) {
    const char* option = luaL_optstring(L, 1, "collect");
    if (std::string_view(option) != "count")
        return luaL_error(L,
                          "collectgarbage('%s') is not available in the Lua sandbox: the host manages memory; only "
                          "collectgarbage('count') is allowed",
                          option);
    const int kib = lua_gc(L, LUA_GCCOUNT);
    const int bytes = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, lua_Number(kib) + lua_Number(bytes) / 1024.0);
    return 1;
}

// print(...) into the host log. Upvalue: the PrintTarget.
int sandbox_print(lua_State* L) {
    const auto* target = static_cast<const PrintTarget*>(lua_touserdata(L, lua_upvalueindex(1)));
    const int n = lua_gettop(L);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    for (int i = 1; i <= n; ++i) {
        if (i > 1) luaL_addchar(&buffer, '\t');
        luaL_tolstring(L, i, nullptr);
        luaL_addvalue(&buffer);
    }
    luaL_pushresult(&buffer);
    std::size_t size = 0;
    const char* text = lua_tolstring(L, -1, &size);
    if (target->logger != nullptr) target->logger->log(LogLevel::Info, target->source, std::string_view(text, size));
    return 0;
}

void set_function(lua_State* L, int table, const char* name, lua_CFunction fn, int upvalues = 0) {
    lua_pushcclosure(L, fn, upvalues);
    lua_setfield(L, table, name);
}

void set_unavailable_function(lua_State* L, int base, const char* name, const char* message) {
    lua_pushstring(L, message);
    set_function(L, base, name, unavailable_function, 1);
}

// Gives `table` (a library's own table) a guard for names it does not have.
// `forbidden` lists the names that raise, or is empty when every missing name does.
void guard_library(lua_State* L, int table, const char* library, const char* why,
                   std::initializer_list<const char*> forbidden) {
    lua_createtable(L, 0, 1);
    lua_pushstring(L, library);
    lua_pushstring(L, why);
    if (forbidden.size() == 0) {
        lua_pushnil(L);
    } else {
        lua_createtable(L, 0, int(forbidden.size()));
        for (const char* name : forbidden) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, name);
        }
    }
    lua_pushcclosure(L, guard_library_index, 3);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, table);
}

// base[name] = read-only proxy of the table at `table`.
void publish_library(lua_State* L, int base, int table, const char* name) {
    push_read_only_proxy(L, table, name, kLibraryWhy);
    lua_setfield(L, base, name);
}

// A library the sandbox does not offer: every field raises `why`.
void publish_unavailable_library(lua_State* L, int base, const char* name, const char* why) {
    lua_newtable(L);
    guard_library(L, lua_gettop(L), name, why, {});
    publish_library(L, base, lua_gettop(L), name);
    lua_pop(L, 1);
}

void open_library(lua_State* L, const char* name, lua_CFunction open) {
    luaL_requiref(L, name, open, 1);
    lua_pop(L, 1);
}

}  // namespace

void install_sandbox(lua_State* L, PrintTarget& print) {
    open_library(L, LUA_GNAME, luaopen_base);
    open_library(L, LUA_STRLIBNAME, luaopen_string);
    open_library(L, LUA_MATHLIBNAME, luaopen_math);
    open_library(L, LUA_TABLIBNAME, luaopen_table);
    open_library(L, LUA_UTF8LIBNAME, luaopen_utf8);
    open_library(L, LUA_OSLIBNAME, luaopen_os);

    lua_pushglobaltable(L);
    const int globals = lua_gettop(L);
    lua_newtable(L);
    const int base = lua_gettop(L);

    for (const char* name : kSafeBaseFunctions) {
        lua_getfield(L, globals, name);
        lua_setfield(L, base, name);
    }
    lua_getfield(L, globals, "setmetatable");
    set_function(L, base, "setmetatable", sandbox_setmetatable, 1);
    set_function(L, base, "load", sandbox_load);
    set_function(L, base, "collectgarbage", sandbox_collectgarbage);
    lua_pushlightuserdata(L, &print);
    set_function(L, base, "print", sandbox_print, 1);
    lua_pushvalue(L, base);
    set_function(L, base, "rawset", sandbox_rawset, 1);
    set_unavailable_function(L, base, "require",
                             "require is not available in the Lua sandbox: scripts cannot load modules; keep the "
                             "code in one file");
    set_unavailable_function(L, base, "dofile",
                             "dofile is not available in the Lua sandbox: scripts cannot read files");
    set_unavailable_function(L, base, "loadfile",
                             "loadfile is not available in the Lua sandbox: scripts cannot read files");

    // string: without dump, in the library table itself, because strings'
    // methods ("x"):dump() reach it through the string metatable.
    lua_getfield(L, globals, LUA_STRLIBNAME);
    const int string_table = lua_gettop(L);
    lua_pushnil(L);
    lua_setfield(L, string_table, "dump");
    guard_library(L, string_table, LUA_STRLIBNAME, "compiled (binary) chunks are refused", {"dump"});
    publish_library(L, base, string_table, LUA_STRLIBNAME);
    lua_pop(L, 1);

    // math: random numbers must repeat from run to run (backtests are deterministic).
    lua_getfield(L, globals, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 42);
    lua_call(L, 1, 0);
    publish_library(L, base, lua_gettop(L), LUA_MATHLIBNAME);
    lua_pop(L, 1);
    for (const char* name : {LUA_TABLIBNAME, LUA_UTF8LIBNAME}) {
        lua_getfield(L, globals, name);
        publish_library(L, base, lua_gettop(L), name);
        lua_pop(L, 1);
    }

    // os: clock only.
    lua_createtable(L, 0, 1);
    const int os_table = lua_gettop(L);
    lua_getfield(L, globals, LUA_OSLIBNAME);
    lua_getfield(L, -1, "clock");
    lua_setfield(L, os_table, "clock");
    lua_pop(L, 1);
    guard_library(L, os_table, LUA_OSLIBNAME, "only os.clock is", {});
    publish_library(L, base, os_table, LUA_OSLIBNAME);
    lua_pop(L, 1);

    publish_unavailable_library(L, base, LUA_IOLIBNAME, "scripts cannot touch files or processes");
    publish_unavailable_library(L, base, LUA_DBLIBNAME, "the debug library can break out of the sandbox");
    publish_unavailable_library(L, base, LUA_LOADLIBNAME, "scripts cannot load modules or native code");
    publish_unavailable_library(L, base, LUA_COLIBNAME,
                                "coroutines are not offered (the instruction budget covers the main thread)");

    lua_pushvalue(L, globals);
    lua_setfield(L, base, LUA_GNAME);

    // The real globals become the script's own namespace: emptied, reading
    // through to base, refusing to shadow any name base provides.
    lua_pushnil(L);
    while (lua_next(L, globals) != 0) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, globals);
    }
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, base);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, base);
    lua_pushcclosure(L, guard_global_write, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushstring(L, kGlobalsMetatableAnswer);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, globals);

    // getmetatable("").__index would otherwise hand out the real string table.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    lua_settop(L, globals - 1);
}

}  // namespace trellis::host
