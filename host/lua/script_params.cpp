#include "lua/script_params.hpp"

#include <algorithm>
#include <cmath>
#include <lua.hpp>
#include <variant>

#include "plugin/param_text.hpp"
#include "plugin/param_validation.hpp"

namespace trellis::host {

namespace {

Result<DeclaredParam> read_declared_value(lua_State* L, std::string key) {
    switch (lua_type(L, -1)) {
        case LUA_TBOOLEAN:
            return DeclaredParam{std::move(key), ParamType::Bool, lua_toboolean(L, -1) ? "true" : "false"};
        case LUA_TSTRING:
            return DeclaredParam{std::move(key), ParamType::String, lua_tostring(L, -1)};
        case LUA_TNUMBER:
            if (lua_isinteger(L, -1))
                return DeclaredParam{std::move(key), ParamType::Int, std::to_string(lua_tointeger(L, -1))};
            if (!std::isfinite(lua_tonumber(L, -1)))
                return fail("params." + key + ": the default must be a finite number");
            return DeclaredParam{std::move(key), ParamType::Float, format_bound(lua_tonumber(L, -1))};
        default:
            return fail("params." + key + ": the default must be a number, a boolean or a string (it is a " +
                        luaL_typename(L, -1) + "); its type is the parameter's type");
    }
}

}  // namespace

Result<std::vector<DeclaredParam>> read_declared_params(lua_State* L, int index) {
    std::vector<DeclaredParam> declared;
    index = lua_absindex(L, index);
    if (lua_isnoneornil(L, index)) return declared;
    if (lua_type(L, index) != LUA_TTABLE)
        return fail(std::string("params must be a table of defaults, e.g. params = { limit = 100 }; it is a ") +
                    luaL_typename(L, index));
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            const std::string type = luaL_typename(L, -2);
            lua_pop(L, 2);
            return fail("params: every key must be a name (key = default); found a " + type + " key");
        }
        auto param = read_declared_value(L, lua_tostring(L, -2));
        lua_pop(L, 1);
        if (!param) {
            lua_pop(L, 1);
            return std::unexpected(param.error());
        }
        declared.push_back(std::move(*param));
    }
    std::sort(declared.begin(), declared.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return declared;
}

Result<Params> resolve_params(std::span<const DeclaredParam> declared, PluginKind plugin,
                              const std::string& script_name, std::span<const RawParam> raw, std::string_view where) {
    // The declaration as a schema, so the one validator every plugin goes
    // through also checks scripts (same rules, same messages).
    std::vector<ParamSpec> schema;
    schema.reserve(declared.size());
    for (const DeclaredParam& p : declared)
        schema.push_back(ParamSpec{p.key.c_str(), p.type, p.default_text.c_str(), "declared by the script"});
    const PluginManifest manifest{kAbiVersion, plugin, script_name.c_str(), "lua", "lua", schema.data(), schema.size(),
                                  nullptr,     nullptr};
    return validate_params(manifest, raw, where);
}

void push_params_table(lua_State* L, const Params& params) {
    lua_createtable(L, 0, int(params.entries().size()));
    for (const auto& [key, value] : params.entries()) {
        std::visit(
            [L]<class T>(const T& v) {
                if constexpr (std::is_same_v<T, std::int64_t>)
                    lua_pushinteger(L, lua_Integer(v));
                else if constexpr (std::is_same_v<T, double>)
                    lua_pushnumber(L, v);
                else if constexpr (std::is_same_v<T, bool>)
                    lua_pushboolean(L, v);
                else
                    lua_pushlstring(L, v.data(), v.size());
            },
            value);
        lua_setfield(L, -2, key.c_str());
    }
}

}  // namespace trellis::host
