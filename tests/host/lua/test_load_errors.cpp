// A script that cannot run is refused at load with "path:line: message" —
// syntax and runtime errors, a wrong returned table, bad parameters — and a
// correct one gets its declared parameters, overridden by configuration.

#include <lua.hpp>

#include "lua/lua_alert_sink.hpp"
#include "lua/lua_plugins.hpp"
#include "lua/lua_risk_rule.hpp"
#include "lua/lua_strategy.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

class LoadErrors : public ::testing::Test {
protected:
    // The error loading `text` as a risk rule with `params` (empty if it loads).
    std::string rule_error(const std::string& text, std::vector<RawParam> params = {}) {
        dir.write("rule.lua", text);
        auto rule = load_lua_risk_rule(path, params, no_reload_limits(), logger);
        return rule ? std::string() : rule.error().message;
    }

    ScriptDir dir;
    Logger logger{LogLevel::Error};
    const std::string path = dir.write("rule.lua", "");  // known before any expectation uses it
};

TEST_F(LoadErrors, SyntaxErrorNamesFileAndLine) {
    const std::string error =
        rule_error("return {\n    check = function(order, ctx)\n        local x = = 1\n    end,\n}\n");
    EXPECT_EQ(error, path + ":3: unexpected symbol near '='");
}

TEST_F(LoadErrors, RuntimeErrorWhileRunningTheChunk) {
    const std::string error =
        rule_error("local t = nil\nlocal limit = t.max\nreturn { check = function() return true end }\n");
    EXPECT_EQ(error, path + ":2: attempt to index a nil value (local 't')");
}

TEST_F(LoadErrors, EndlessLoopAtTopLevelIsStoppedByTheBudget) {
    const std::string error = rule_error("local n = 0\nwhile true do n = n + 1 end\n");
    EXPECT_EQ(error, path + ":2: instruction budget of 100000 exceeded (an endless loop?)");
}

TEST_F(LoadErrors, ChunkMustReturnATable) {
    EXPECT_EQ(rule_error("local x = 1\nreturn 42\n"), path + ":2: the script must return its table, e.g. " +
                                                          std::string(kRiskRuleScript.example) +
                                                          "; it returned number");
    // No return at all: the last line.
    EXPECT_EQ(rule_error("local x = 1\nlocal y = 2\n"), path + ":2: the script must return its table, e.g. " +
                                                            std::string(kRiskRuleScript.example) + "; it returned nil");
}

TEST_F(LoadErrors, MissingCheckFunction) {
    EXPECT_EQ(
        rule_error("local x = 1\nreturn {\n    name = \"no_check\",\n}\n"),
        path + ":2: the returned table has no 'check' function; add it, e.g. " + std::string(kRiskRuleScript.example));
}

TEST_F(LoadErrors, UnknownKeySuggestsTheClosestValidOne) {
    EXPECT_EQ(rule_error("return {\n    chek = function(order, ctx) return true end,\n}\n"),
              path + ":2: unknown key 'chek' in the returned table (did you mean 'check'?)");
    EXPECT_EQ(rule_error("return {\n    check = function() return true end,\n    something = 1,\n}\n"),
              path +
                  ":3: unknown key 'something' in the returned table; the table of a risk_rule may hold name, "
                  "params, check, on_start, on_stop, on_quote, on_trade, on_order, on_timer, snapshot, restore");
}

TEST_F(LoadErrors, CallbackMustBeAFunctionAndNameAString) {
    EXPECT_EQ(rule_error("return {\n    check = true,\n}\n"), path + ":2: check must be a function, it is a boolean");
    EXPECT_EQ(rule_error("return {\n    name = 7,\n    check = function() return true end,\n}\n"),
              path + ":2: name must be a string, it is a number");
}

TEST_F(LoadErrors, PrecompiledChunkIsRefused) {
    lua_State* L = luaL_newstate();
    luaL_openlibs(L);
    ASSERT_EQ(luaL_dostring(L, "return string.dump(load('return { check = function() return true end }'))"), LUA_OK);
    std::size_t size = 0;
    const char* bytes = lua_tolstring(L, -1, &size);
    const std::string chunk(bytes, size);
    lua_close(L);
    EXPECT_EQ(rule_error(chunk), path + ": is a precompiled (binary) Lua chunk; the host loads only Lua source text");
}

TEST_F(LoadErrors, MissingFile) {
    const std::string missing = dir.write("x.lua", "") + ".gone";
    auto rule = load_lua_risk_rule(missing, {}, no_reload_limits(), logger);
    ASSERT_FALSE(rule);
    EXPECT_EQ(rule.error().message, missing + ": cannot open the Lua script (does the file exist and is it readable?)");
}

constexpr const char* kWithParams =
    "return {\n"
    "    name = \"limits\",\n"
    "    params = {\n"
    "        max_notional = 100000.0,\n"
    "        symbol = \"AMZN\",\n"
    "        max_orders = 10,\n"
    "        enabled = true,\n"
    "    },\n"
    "    check = function(order, ctx)\n"
    "        local p = ctx.params\n"
    "        return false, string.format('%s %s %s %s %s', p.max_notional, math.type(p.max_notional), p.symbol,\n"
    "                                    p.max_orders, tostring(p.enabled))\n"
    "    end,\n"
    "}\n";

TEST_F(LoadErrors, UnknownParameterSuggestsADeclaredOne) {
    const std::string error =
        rule_error(kWithParams, {RawParam{"max_notionl", 5.0, "demo.toml:12:1: risk_rules[0].params.max_notionl"}});
    EXPECT_EQ(error,
              "demo.toml:12:1: risk_rules[0].params.max_notionl: unknown parameter 'max_notionl' for risk_rule "
              "'limits' (did you mean 'max_notional'?)\n" +
                  path + ":3: the script declares its parameters here (enabled, max_notional, max_orders, symbol)");
}

TEST_F(LoadErrors, ParameterOfTheWrongTypeVersusTheDeclaredDefault) {
    const std::string error =
        rule_error(kWithParams, {RawParam{"max_orders", 2.5, "demo.toml:13:1: risk_rules[0].params.max_orders"},
                                 RawParam{"symbol", std::int64_t{5}, "demo.toml:14:1: risk_rules[0].params.symbol"}});
    EXPECT_EQ(error,
              "demo.toml:13:1: risk_rules[0].params.max_orders: parameter 'max_orders' of risk_rule 'limits': "
              "expected int, got float\n"
              "demo.toml:14:1: risk_rules[0].params.symbol: parameter 'symbol' of risk_rule 'limits': expected "
              "string, got int\n" +
                  path + ":3: the script declares its parameters here (enabled, max_notional, max_orders, symbol)");
}

TEST_F(LoadErrors, DeclaredDefaultMustBeAPlainValue) {
    EXPECT_EQ(rule_error("return {\n    check = function() return true end,\n    params = {\n        levels = {},\n    "
                         "},\n}\n"),
              path +
                  ":3: params.levels: the default must be a number, a boolean or a string (it is a table); its type "
                  "is the parameter's type");
}

TEST_F(LoadErrors, ConfiguredValuesOverrideDefaultsAndIntWidensToFloat) {
    Logger quiet(LogLevel::Error);
    const std::string file = dir.write("rule.lua", kWithParams);
    auto ctx = make_context();
    const std::vector<RawParam> params{RawParam{"max_notional", std::int64_t{5000}, "cfg:1:1: x"},
                                       RawParam{"enabled", false, "cfg:2:1: y"}};
    auto rule = LuaRiskRule::load(file, params, no_reload_limits(), quiet);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    EXPECT_EQ((*rule)->core().program().name(), "limits");
    EXPECT_EQ((*rule)->check(limit_order(Side::Buy, 1.0, 1)).reason.view(), "5000.0 float AMZN 10 false");
}

TEST_F(LoadErrors, OnStartFailureFailsStart) {
    const std::string file =
        dir.write("rule.lua",
                  "return {\n    check = function() return true end,\n    on_start = function(ctx)\n        "
                  "ctx.position('MSFT')\n    end,\n}\n");
    auto ctx = make_context();
    auto rule = load_lua_risk_rule(file, {}, no_reload_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    const Status started = (*rule)->start(ctx);
    EXPECT_FALSE(started.is_ok());
    EXPECT_EQ(started.message, "on_start failed: " + file + ":4: unknown symbol 'MSFT' (known: AMZN)");
}

TEST_F(LoadErrors, StrategyNeedsACallbackAndAlertSinkNeedsOnAlert) {
    const std::string strategy = dir.write("s.lua", "return { name = 'idle' }\n");
    auto s = load_lua_strategy(strategy, {}, no_reload_limits(), logger);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().message, strategy +
                                     ":1: the returned table defines no callback; define at least one of on_start, "
                                     "on_stop, on_quote, on_trade, on_order, on_timer, snapshot, "
                                     "restore");
    const std::string sink = dir.write("a.lua", "return { on_start = function(ctx) end }\n");
    auto a = load_lua_alert_sink(sink, {}, no_reload_limits(), logger);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().message, sink + ":1: the returned table has no 'on_alert' function; add it, e.g. " +
                                     std::string(kAlertSinkScript.example));
}

TEST_F(LoadErrors, CheckMustReturnABoolean) {
    Logger quiet(LogLevel::Error);
    const std::string file =
        dir.write("rule.lua", "return {\n    check = function(order, ctx)\n        return 'yes'\n    end,\n}\n");
    auto ctx = make_context();
    auto rule = LuaRiskRule::load(file, {}, no_reload_limits(), quiet);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    const RiskDecision d = (*rule)->check(limit_order(Side::Buy, 1.0, 1));
    EXPECT_FALSE(d.accept);
    EXPECT_EQ(d.reason.view(),
              (file + ":2: check must return true, or false and a reason; it returned string").substr(0, 127));
    EXPECT_EQ(ctx.counter_value("lua_errors"), 1);
}

}  // namespace
}  // namespace trellis::host::lua_test
