#include "lua/value_codec.hpp"

#include <cmath>
#include <cstdint>
#include <lua.hpp>
#include <string>

#include "plugin/concat.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::host {

namespace {

constexpr SnapshotMagic kMagic{'T', 'L', 'U', 'A'};
constexpr std::uint32_t kLayoutVersion = 1;
constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxString = std::size_t(1) << 30;

enum Tag : std::uint8_t { kNil = 0, kFalse, kTrue, kInteger, kFloat, kString, kTable, kTableEnd };

std::string describe_key(lua_State* L, int index) {
    switch (lua_type(L, index)) {
        case LUA_TSTRING:
            return concat(".", lua_tostring(L, index));
        case LUA_TNUMBER:
            return concat("[",
                          lua_isinteger(L, index) ? std::to_string(lua_tointeger(L, index))
                                                  : std::to_string(lua_tonumber(L, index)),
                          "]");
        case LUA_TBOOLEAN:
            return lua_toboolean(L, index) ? "[true]" : "[false]";
        default:
            return concat("[", luaL_typename(L, index), "]");
    }
}

Result<void> encode(lua_State* L, int index, StateWriter& out, int depth, const std::string& path) {
    index = lua_absindex(L, index);
    switch (lua_type(L, index)) {
        case LUA_TNIL:
            out.put(std::uint8_t(kNil));
            return {};
        case LUA_TBOOLEAN:
            out.put(std::uint8_t(lua_toboolean(L, index) ? kTrue : kFalse));
            return {};
        case LUA_TNUMBER:
            if (lua_isinteger(L, index)) {
                out.put(std::uint8_t(kInteger));
                out.put(std::int64_t(lua_tointeger(L, index)));
            } else {
                out.put(std::uint8_t(kFloat));
                out.put(double(lua_tonumber(L, index)));
            }
            return {};
        case LUA_TSTRING: {
            std::size_t size = 0;
            const char* text = lua_tolstring(L, index, &size);
            out.put(std::uint8_t(kString));
            out.put_string(std::string_view(text, size));
            return {};
        }
        case LUA_TTABLE:
            break;
        default:
            return fail("a " + std::string(luaL_typename(L, index)) + " cannot be carried to the next version (at " +
                        path + "); snapshot() may return nil, booleans, numbers, strings and tables of them");
    }
    if (depth >= kMaxDepth)
        return fail("tables nested deeper than " + std::to_string(kMaxDepth) + " (at " + path + "; a cycle?)");
    if (!lua_checkstack(L, 4)) return fail("out of Lua stack space while encoding the state");
    out.put(std::uint8_t(kTable));
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        const int key_type = lua_type(L, -2);
        if (key_type != LUA_TSTRING && key_type != LUA_TNUMBER && key_type != LUA_TBOOLEAN) {
            const std::string where = path + describe_key(L, -2);
            lua_pop(L, 2);
            return fail("a " + std::string(lua_typename(L, key_type)) +
                        " key cannot be carried to the next version (at " + where + ")");
        }
        const std::string child = path + describe_key(L, -2);
        auto key = encode(L, -2, out, depth + 1, child);
        auto value = key ? encode(L, -1, out, depth + 1, child) : key;
        if (!value) {
            lua_pop(L, 2);
            return value;
        }
        lua_pop(L, 1);
    }
    out.put(std::uint8_t(kTableEnd));
    return {};
}

Result<void> corrupt(const char* what) { return fail(std::string("corrupt Lua state snapshot: ") + what); }

Result<void> decode(lua_State* L, StateReader& in, int depth);

// Pushes the value whose tag has just been read; on error the stack is left where it was.
Result<void> decode_tagged(lua_State* L, StateReader& in, std::uint8_t tag, int depth) {
    switch (tag) {
        case kNil:
            lua_pushnil(L);
            return {};
        case kFalse:
        case kTrue:
            lua_pushboolean(L, tag == kTrue);
            return {};
        case kInteger: {
            std::int64_t v = 0;
            if (!in.get(v)) return corrupt("it ends early");
            lua_pushinteger(L, lua_Integer(v));
            return {};
        }
        case kFloat: {
            double v = 0;
            if (!in.get(v)) return corrupt("it ends early");
            lua_pushnumber(L, v);
            return {};
        }
        case kString: {
            std::string text;
            if (!in.get_string(text, kMaxString)) return corrupt("a string is truncated");
            lua_pushlstring(L, text.data(), text.size());
            return {};
        }
        case kTable:
            break;
        default:
            return corrupt("unknown value tag");
    }
    if (depth >= kMaxDepth) return corrupt("tables nested too deep");
    if (!lua_checkstack(L, 4)) return fail("out of Lua stack space while decoding the state");
    lua_newtable(L);
    const int table = lua_gettop(L);
    for (;;) {
        std::uint8_t next = 0;
        if (!in.get(next)) {
            lua_settop(L, table - 1);
            return corrupt("a table is not terminated");
        }
        if (next == kTableEnd) return {};
        if (next == kNil || next == kTable) {
            lua_settop(L, table - 1);
            return corrupt("a table key is nil or a table");
        }
        auto key = decode_tagged(L, in, next, depth + 1);
        auto value = key ? decode(L, in, depth + 1) : key;
        if (!value) {
            lua_settop(L, table - 1);
            return value;
        }
        if (lua_type(L, -2) == LUA_TNUMBER && std::isnan(lua_tonumber(L, -2))) {
            lua_settop(L, table - 1);
            return corrupt("a table key is NaN");
        }
        lua_rawset(L, table);
    }
}

// Reads a tag, then pushes its value.
Result<void> decode(lua_State* L, StateReader& in, int depth) {
    std::uint8_t tag = 0;
    if (!in.get(tag)) return corrupt("it ends early");
    return decode_tagged(L, in, tag, depth);
}

}  // namespace

Result<std::vector<std::byte>> encode_lua_value(lua_State* L, int index) {
    StateWriter out(kMagic, kLayoutVersion);
    auto done = encode(L, index, out, 0, "state");
    if (!done) return std::unexpected(done.error());
    return std::move(out).take();
}

Result<void> push_decoded_lua_value(lua_State* L, std::span<const std::byte> bytes) {
    StateReader in(bytes);
    if (auto header = in.read_header(kMagic, kLayoutVersion, "a Lua script"); !header) return fail(header.error());
    const int top = lua_gettop(L);
    auto value = decode(L, in, 0);
    if (!value) return value;
    if (!in.at_end()) {
        lua_settop(L, top);
        return corrupt("trailing bytes after the value");
    }
    return {};
}

}  // namespace trellis::host
