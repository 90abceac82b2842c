#include "lua/read_only_table.hpp"

#include <lua.hpp>

namespace trellis::host {

namespace {

// Registry key of the weak-keyed set of every proxy in a state.
constexpr const char* kProxySetKey = "trellis.read_only_proxies";

// __newindex of a proxy. Upvalues: name, why.
int refuse_write(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "cannot modify '%s.%s': %s", lua_tostring(L, lua_upvalueindex(1)), key,
                      lua_tostring(L, lua_upvalueindex(2)));
}

// The iterator __pairs hands out. Upvalue: the real table. It walks the real
// table without ever returning it, so a script cannot get hold of it.
int proxy_next(lua_State* L) {
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1)) != 0) return 2;
    lua_pushnil(L);
    return 1;
}

// __pairs. Upvalue: proxy_next bound to the real table.
int proxy_pairs(lua_State* L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

// __len. Upvalue: the real table.
int proxy_len(lua_State* L) {
    lua_pushinteger(L, lua_Integer(lua_rawlen(L, lua_upvalueindex(1))));
    return 1;
}

void push_proxy_set(lua_State* L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, kProxySetKey) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, kProxySetKey);
}

}  // namespace

void push_read_only_proxy(lua_State* L, int table_index, const char* name, const char* why) {
    const int real = lua_absindex(L, table_index);
    lua_newtable(L);  // the proxy: always empty, so every access reaches the metamethods
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushstring(L, why);
    lua_pushcclosure(L, refuse_write, 2);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, proxy_next, 1);
    lua_pushcclosure(L, proxy_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, proxy_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushliteral(L, "read-only");  // getmetatable() answers this; setmetatable() refuses
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);

    push_proxy_set(L);
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

bool is_read_only_proxy(lua_State* L, int index) {
    if (lua_type(L, index) != LUA_TTABLE) return false;
    const int value = lua_absindex(L, index);
    if (lua_getfield(L, LUA_REGISTRYINDEX, kProxySetKey) != LUA_TTABLE) {
        lua_pop(L, 1);
        return false;
    }
    lua_pushvalue(L, value);
    const bool found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return found;
}

}  // namespace trellis::host
