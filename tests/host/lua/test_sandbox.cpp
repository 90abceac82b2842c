// Every way out of the sandbox fails with an error that names the attempt and
// the script line, the order is rejected (fail closed), and the same state
// keeps answering afterwards.

#include <lua.hpp>

#include "lua/lua_risk_rule.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

constexpr std::int64_t kTrigger = 666;  // the order quantity that runs the escape attempt

// A rule that accepts every order, except that an order for kTrigger shares
// first runs `attempt` on line 4.
std::string rule_attempting(const std::string& attempt) {
    return "return {\n"
           "    check = function(order, ctx)\n"
           "        if order.qty ~= 666 then return true end\n"
           "        " +
           attempt +
           "\n"
           "        return true\n"
           "    end,\n"
           "}\n";
}

// Lua source text for a string literal holding `bytes` (decimal escapes).
std::string lua_literal(std::string_view bytes) {
    std::string out = "\"";
    for (unsigned char c : bytes) out += "\\" + std::to_string(int(c));
    return out + "\"";
}

// A real compiled chunk, made by an unsandboxed Lua state.
std::string compiled_chunk() {
    lua_State* L = luaL_newstate();
    luaL_openlibs(L);
    EXPECT_EQ(luaL_dostring(L, "return string.dump(function() return 42 end)"), LUA_OK);
    std::size_t size = 0;
    const char* bytes = lua_tolstring(L, -1, &size);
    std::string chunk(bytes, size);
    lua_close(L);
    return chunk;
}

struct Escape {
    const char* name;
    std::string attempt;
    std::string message;  // what the error must say after "path:4: "
};

void PrintTo(const Escape& e, std::ostream* os) { *os << e.name; }

class SandboxEscape : public ::testing::TestWithParam<Escape> {};

TEST_P(SandboxEscape, FailsWithClearErrorRejectsTheOrderAndKeepsRunning) {
    const Escape& escape = GetParam();
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("escape.lua", rule_attempting(escape.attempt));
    auto rule = LuaRiskRule::load(path, {}, no_reload_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());

    const RiskDecision refused = (*rule)->check(limit_order(Side::Buy, 100.0, kTrigger));
    EXPECT_FALSE(refused.accept);
    const std::string error((*rule)->core().program().error());
    EXPECT_EQ(error, path + ":4: " + escape.message);
    // The reason is the same text, cut to the 127 characters an OrderUpdate carries.
    EXPECT_EQ(std::string(refused.reason.view()), error.substr(0, 127));
    EXPECT_EQ(ctx.counter_value("lua_errors"), 1);

    // The state is intact: the next order is judged normally.
    EXPECT_TRUE((*rule)->check(limit_order(Side::Buy, 100.0, 10)).accept);
}

const std::string kBinary = compiled_chunk();

INSTANTIATE_TEST_SUITE_P(
    Sandbox, SandboxEscape,
    ::testing::Values(
        Escape{"os_execute", "os.execute('touch /tmp/pwned')",
               "os.execute is not available in the Lua sandbox: only os.clock is"},
        Escape{"os_getenv", "local home = os.getenv('HOME')",
               "os.getenv is not available in the Lua sandbox: only os.clock is"},
        Escape{"io_open", "io.open('/etc/passwd')",
               "io.open is not available in the Lua sandbox: scripts cannot touch files or processes"},
        Escape{"require", "require('os')",
               "require is not available in the Lua sandbox: scripts cannot load modules; keep the code in one file"},
        Escape{"dofile", "dofile('/etc/passwd')",
               "dofile is not available in the Lua sandbox: scripts cannot read files"},
        Escape{"loadfile", "loadfile('/etc/passwd')",
               "loadfile is not available in the Lua sandbox: scripts cannot read files"},
        Escape{"package", "package.loadlib('libc.so.6', 'system')",
               "package.loadlib is not available in the Lua sandbox: scripts cannot load modules or native code"},
        Escape{"load_compiled_chunk", "local f = load(" + lua_literal(kBinary) + ")",
               "load: binary chunks are refused by the Lua sandbox; load source text only"},
        Escape{"load_signature_bytes", "local f = load('\\27Lua')",
               "load: binary chunks are refused by the Lua sandbox; load source text only"},
        Escape{"load_binary_mode", "local f = load('return 1', 'x', 'b')",
               "load: mode 'b' is refused by the Lua sandbox; only text chunks (mode 't') load"},
        Escape{"string_dump", "local bytes = string.dump(function() end)",
               "string.dump is not available in the Lua sandbox: compiled (binary) chunks are refused"},
        Escape{"string_method_dump", "local bytes = ('x').dump(function() end)",
               "string.dump is not available in the Lua sandbox: compiled (binary) chunks are refused"},
        Escape{"debug_getinfo", "debug.getinfo(1)",
               "debug.getinfo is not available in the Lua sandbox: the debug library can break out of the sandbox"},
        Escape{"debug_sethook", "debug.sethook()",
               "debug.sethook is not available in the Lua sandbox: the debug library can break out of the sandbox"},
        Escape{"coroutine", "coroutine.wrap(function() end)()",
               "coroutine.wrap is not available in the Lua sandbox: coroutines are not offered (the instruction "
               "budget covers the main thread)"},
        Escape{"endless_loop_inside_pcall", "for i = 1, 3 do pcall(function() while true do end end) end",
               "instruction budget of 100000 exceeded (an endless loop?)"},
        Escape{"endless_loop_caught_by_xpcall",
               "while true do xpcall(function() while true do end end, function(e) return e end) end",
               "instruction budget of 100000 exceeded (an endless loop?)"},
        Escape{"string_doubling_memory_bomb", "local s = 'x' while true do s = s .. s end",
               "memory limit of 8192 KiB exceeded"},
        Escape{"memory_cap_is_cumulative", "local a = string.rep('x', 5000000) local b = string.rep('y', 5000000)",
               "memory limit of 8192 KiB exceeded"},
        Escape{"memory_error_caught_then_repeated",
               "pcall(string.rep, 'x', 100000000) local again = string.rep('x', 100000000)",
               "memory limit of 8192 KiB exceeded"},
        Escape{"replace_global_function", "pairs = nil",
               "cannot replace 'pairs': the sandbox's globals are read-only (use a local or another name)"},
        Escape{"replace_library_table", "string = {}",
               "cannot replace 'string': the sandbox's globals are read-only (use a local or another name)"},
        Escape{"modify_library_function", "string.format = function() return 'x' end",
               "cannot modify 'string.format': library tables are read-only in the Lua sandbox"},
        Escape{"add_to_library", "math.evil = 1",
               "cannot modify 'math.evil': library tables are read-only in the Lua sandbox"},
        Escape{"replace_through_G", "_G.tostring = print",
               "cannot replace 'tostring': the sandbox's globals are read-only (use a local or another name)"},
        Escape{"rawset_library", "rawset(table, 'insert', print)",
               "rawset: cannot modify a read-only table (library tables and params are read-only)"},
        Escape{"rawset_global", "rawset(_G, 'error', print)",
               "rawset: cannot replace 'error': the sandbox's globals are read-only"},
        Escape{"unlock_globals", "setmetatable(_G, nil)", "cannot change a protected metatable"},
        Escape{"unlock_library", "setmetatable(string, nil)", "cannot change a protected metatable"},
        Escape{"modify_params", "ctx.params.anything = 1",
               "cannot modify 'params.anything': parameters are read-only (they come from the configuration)"},
        Escape{"modify_ctx", "ctx.buy = print",
               "cannot modify 'ctx.buy': ctx is read-only (keep your own state in locals)"},
        Escape{"modify_order", "order.qty = 1",
               "cannot modify 'order.qty': event views are read-only (copy the values you need)"},
        Escape{"finalizer", "setmetatable({}, { __gc = function() end })",
               "setmetatable: __gc finalizers are not available in the Lua sandbox (they would run at unpredictable "
               "times)"},
        Escape{"collectgarbage", "collectgarbage()",
               "collectgarbage('collect') is not available in the Lua sandbox: the host manages memory; only "
               "collectgarbage('count') is allowed"},
        Escape{"typo_in_field", "local s = order.sidd", "order has no field 'sidd' (did you mean 'side'?)"},
        Escape{"error_without_position", "error('plain', 0)", "plain"},
        Escape{"error_with_table", "error({})", "(error object is a table value)"}),
    [](const ::testing::TestParamInfo<Escape>& info) { return std::string(info.param.name); });

// What scripts may do: their own globals, the allowed libraries, text chunks.
TEST(Sandbox, AllowsOwnGlobalsLibrariesAndTextChunks) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("allowed.lua", R"(
calls = 0  -- a global of the script's own
return {
    check = function(order, ctx)
        calls = calls + 1
        local f = assert(load("return 1 + 1"))
        assert(f() == 2)
        assert(string.format("%d", 5) == "5" and ("%s"):format("x") == "x")
        assert(math.floor(2.5) == 2 and math.max(1, 3) == 3)
        assert(table.concat({ "a", "b" }, ",") == "a,b" and utf8.char(72) == "H")
        assert(type(os.clock()) == "number" and collectgarbage("count") > 0)
        local n = 0
        for k in pairs(string) do n = n + 1 end
        assert(n > 10, "pairs sees through the read-only proxy")
        assert(getmetatable(string) == "read-only" and getmetatable("") == "protected")
        local ok, err = pcall(error, "caught")
        assert(not ok and err == "caught")
        local t = setmetatable({}, { __index = function() return 7 end })
        assert(t.anything == 7)
        local syntax, msg = load("this is not lua")
        assert(syntax == nil and type(msg) == "string")
        return calls == 2
    end,
}
)");
    auto rule = LuaRiskRule::load(path, {}, no_reload_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    const RiskDecision first = (*rule)->check(limit_order(Side::Buy, 100.0, 1));
    EXPECT_FALSE(first.accept) << (*rule)->core().program().error();  // calls == 1
    EXPECT_TRUE((*rule)->check(limit_order(Side::Buy, 100.0, 1)).accept) << (*rule)->core().program().error();
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

TEST(Sandbox, RandomNumbersRepeatFromRunToRun) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    const std::string path = dir.write("random.lua", R"(
return { check = function(order, ctx) return false, tostring(math.random(1, 1000000)) end }
)");
    std::string first;
    for (int run = 0; run < 2; ++run) {
        auto ctx = make_context();
        auto rule = LuaRiskRule::load(path, {}, no_reload_limits(), logger);
        ASSERT_TRUE(rule) << rule.error().message;
        ASSERT_TRUE((*rule)->start(ctx).is_ok());
        const std::string drawn((*rule)->check(limit_order(Side::Buy, 1.0, 1)).reason.view());
        if (run == 0) first = drawn;
        EXPECT_EQ(drawn, first);
    }
}

// The budget is per call: a call that uses most of it does not starve the next.
TEST(Sandbox, InstructionBudgetIsPerCall) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("busy.lua", R"(
return {
    check = function(order, ctx)
        local x = 0
        for i = 1, order.qty do x = x + i end
        return true
    end,
}
)");
    LuaLimits limits = no_reload_limits();
    limits.instruction_budget = 10'000;
    auto rule = LuaRiskRule::load(path, {}, limits, logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    // A numeric for loop costs a few instructions per iteration: 1,000
    // iterations fit in 10,000 instructions, 10,000 do not.
    for (int i = 0; i < 5; ++i) EXPECT_TRUE((*rule)->check(limit_order(Side::Buy, 1.0, 1000)).accept);
    const RiskDecision refused = (*rule)->check(limit_order(Side::Buy, 1.0, 10000));
    EXPECT_FALSE(refused.accept);
    EXPECT_NE(std::string(refused.reason.view()).find("busy.lua:5: instruction budget of 10000 exceeded"),
              std::string::npos)
        << refused.reason.view();
}

}  // namespace
}  // namespace trellis::host::lua_test
