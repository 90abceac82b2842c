// A script's state as bytes: plain values round-trip, the rest is refused
// with where it sits, corrupt bytes are refused.

#include <lua.hpp>

#include "lua/value_codec.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

class ValueCodec : public ::testing::Test {
protected:
    ValueCodec() : L(luaL_newstate()) { luaL_openlibs(L); }
    ~ValueCodec() override { lua_close(L); }
    void eval(const char* code) { ASSERT_EQ(luaL_dostring(L, code), LUA_OK) << lua_tostring(L, -1); }

    lua_State* L;
};

TEST_F(ValueCodec, PlainValuesRoundTrip) {
    eval(
        "return { n = 3, f = 0.25, s = 'text\\0with nul', yes = true, no = false, [7] = 'seven', [1.5] = 'x', "
        "nested = { list = { 1, 2, 3 }, deeper = { a = { b = { c = 'end' } } } } }");
    auto bytes = encode_lua_value(L, -1);
    ASSERT_TRUE(bytes) << bytes.error().message;
    lua_settop(L, 0);
    ASSERT_TRUE(push_decoded_lua_value(L, *bytes));
    lua_setglobal(L, "v");
    eval(
        "assert(v.n == 3 and math.type(v.n) == 'integer' and v.f == 0.25 and v.s == 'text\\0with nul')"
        "assert(v.yes == true and v.no == false and v[7] == 'seven' and v[1.5] == 'x')"
        "assert(#v.nested.list == 3 and v.nested.list[3] == 3 and v.nested.deeper.a.b.c == 'end')");
    for (const char* scalar : {"return nil", "return 12", "return 'x'", "return false"}) {
        eval(scalar);
        auto one = encode_lua_value(L, -1);
        ASSERT_TRUE(one) << one.error().message;
        ASSERT_TRUE(push_decoded_lua_value(L, *one));
        EXPECT_EQ(lua_compare(L, -1, -2, LUA_OPEQ), 1) << scalar;
        lua_settop(L, 0);
    }
}

TEST_F(ValueCodec, RefusesWhatCannotCrossAndSaysWhere) {
    eval("return { ok = 1, inner = { handler = print } }");
    auto function = encode_lua_value(L, -1);
    ASSERT_FALSE(function);
    EXPECT_EQ(function.error().message,
              "a function cannot be carried to the next version (at state.inner.handler); snapshot() may return nil, "
              "booleans, numbers, strings and tables of them");
    lua_settop(L, 0);
    eval("local t = {} t.self = t return t");
    auto cycle = encode_lua_value(L, -1);
    ASSERT_FALSE(cycle);
    EXPECT_NE(cycle.error().message.find("tables nested deeper than 32"), std::string::npos);
    EXPECT_EQ(lua_gettop(L), 1);  // the value is left in place
}

TEST_F(ValueCodec, RefusesCorruptBytes) {
    eval("return { a = 'b' }");
    auto bytes = encode_lua_value(L, -1);
    ASSERT_TRUE(bytes);
    lua_settop(L, 0);
    std::vector<std::byte> truncated(bytes->begin(), bytes->end() - 1);
    auto cut = push_decoded_lua_value(L, truncated);
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().message, "corrupt Lua state snapshot: a table is not terminated");
    EXPECT_EQ(lua_gettop(L), 0);
    std::vector<std::byte> extra = *bytes;
    extra.push_back(std::byte{0});
    ASSERT_FALSE(push_decoded_lua_value(L, extra));
    EXPECT_EQ(lua_gettop(L), 0);
    std::vector<std::byte> foreign = *bytes;
    foreign[0] = std::byte{'X'};
    auto other = push_decoded_lua_value(L, foreign);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().message, "snapshot was not written by a Lua script");
}

}  // namespace
}  // namespace trellis::host::lua_test
