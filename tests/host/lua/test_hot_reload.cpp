// Editing a script while the host runs: the real watcher thread loads the new
// text, the next call swaps it in; a broken edit leaves the old version
// running and says why; state crosses only when the script opts in.

#include "lua/lua_risk_rule.hpp"
#include "lua/lua_strategy.hpp"
#include "lua_test_support.hpp"
#include "strategy_events.hpp"

namespace trellis::host::lua_test {
namespace {

// Rejects orders above `limit` shares with reason `tag`.
std::string limit_rule(int limit, const std::string& tag) {
    return "return {\n"
           "    check = function(order, ctx)\n"
           "        if order.qty > " +
           std::to_string(limit) + " then return false, '" + tag +
           "' end\n"
           "        return true\n"
           "    end,\n"
           "}\n";
}

class HotReload : public ::testing::Test {
protected:
    void load(const std::string& text, const LuaLimits& limits = test_limits()) {
        path = dir.write("rule.lua", text);
        auto loaded = LuaRiskRule::load(path, {}, limits, logger);
        ASSERT_TRUE(loaded) << loaded.error().message;
        rule = std::move(*loaded);
        ASSERT_TRUE(rule->start(ctx).is_ok());
    }
    RiskDecision order(std::int64_t qty) { return rule->check(limit_order(Side::Buy, 10.0, qty)); }
    const ScriptWatcher& watcher() { return *rule->core().watcher(); }

    ScriptDir dir;
    Logger logger{LogLevel::Error};
    fakes::FakeContext ctx = make_context();
    std::string path;
    std::unique_ptr<LuaRiskRule> rule;
};

TEST_F(HotReload, AnEditTakesOverAtTheNextCall) {
    load(limit_rule(10, "v1"));
    EXPECT_EQ(order(15).reason.view(), "v1");

    dir.write("rule.lua", limit_rule(20, "v2"));
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 1; }));
    EXPECT_TRUE(order(15).accept);  // the swap happens here, before the check
    EXPECT_EQ(order(25).reason.view(), "v2");
    EXPECT_EQ(ctx.counter_value("lua_reloads"), 1);

    dir.write("rule.lua", limit_rule(30, "v3"));
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 2; }));
    EXPECT_TRUE(order(25).accept);
    EXPECT_EQ(order(35).reason.view(), "v3");
    EXPECT_EQ(ctx.counter_value("lua_reloads"), 2);
}

TEST_F(HotReload, ABrokenEditLeavesTheOldVersionRunning) {
    load(limit_rule(10, "v1"));
    dir.write("rule.lua", "return {\n    check = function(order, ctx)\n        if order.qty > then\n    end,\n}\n");
    ASSERT_TRUE(eventually([&] { return watcher().load_failures() == 1; }));
    EXPECT_EQ(watcher().last_error(), path + ":3: unexpected symbol near 'then'");
    EXPECT_EQ(order(15).reason.view(), "v1");
    EXPECT_TRUE(order(5).accept);
    EXPECT_EQ(watcher().versions_published(), 0u);

    // Not retried until the text changes; the fix is then picked up.
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(watcher().load_failures(), 1u);
    dir.write("rule.lua", limit_rule(20, "v2"));
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 1; }));
    EXPECT_TRUE(order(15).accept);
}

TEST_F(HotReload, ARuntimeErrorInTheEditIsReported) {
    load(limit_rule(10, "v1"));
    dir.write("rule.lua", "local x = nil\nlocal y = x.field\nreturn { check = function() return true end }\n");
    ASSERT_TRUE(eventually([&] { return watcher().load_failures() == 1; }));
    EXPECT_EQ(watcher().last_error(), path + ":2: attempt to index a nil value (local 'x')");
    EXPECT_EQ(order(15).reason.view(), "v1");
}

// The configuration's parameters are checked against each new version.
TEST_F(HotReload, AnEditThatNoLongerDeclaresAConfiguredParameterIsRefused) {
    path = dir.write("rule.lua",
                     "return {\n    params = { limit = 10 },\n    check = function(order, ctx)\n        return "
                     "order.qty <= ctx.params.limit, 'over'\n    end,\n}\n");
    auto loaded = LuaRiskRule::load(path, std::vector<RawParam>{RawParam{"limit", std::int64_t{5}, "cfg:4:1: limit"}},
                                    test_limits(), logger);
    ASSERT_TRUE(loaded) << loaded.error().message;
    rule = std::move(*loaded);
    ASSERT_TRUE(rule->start(ctx).is_ok());
    EXPECT_FALSE(order(6).accept);

    dir.write("rule.lua", "return {\n    check = function(order, ctx) return true end,\n}\n");
    ASSERT_TRUE(eventually([&] { return watcher().load_failures() == 1; }));
    EXPECT_EQ(watcher().last_error(),
              "cfg:4:1: limit: unknown parameter 'limit' for risk_rule 'rule'; it takes no "
              "parameters\n" +
                  path + ":1: the script declares its parameters here (none)");
    EXPECT_FALSE(order(6).accept);
    EXPECT_TRUE(order(5).accept);
}

TEST_F(HotReload, StateIsFreshUnlessTheScriptOptsIn) {
    const std::string counting =
        "local seen = 0\n"
        "return {\n"
        "    check = function(order, ctx)\n"
        "        seen = seen + 1\n"
        "        return false, 'VERSION ' .. seen\n"
        "    end,\n"
        "}\n";
    load(counting);
    for (int i = 0; i < 3; ++i) order(1);
    std::string v2 = counting;
    v2.replace(v2.find("VERSION"), 7, "v2");
    dir.write("rule.lua", v2);
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 1; }));
    EXPECT_EQ(order(1).reason.view(), "v2 1");  // counting starts over

    const std::string carrying =
        "local seen = 0\n"
        "return {\n"
        "    check = function(order, ctx)\n"
        "        seen = seen + 1\n"
        "        return false, 'VERSION ' .. seen\n"
        "    end,\n"
        "    snapshot = function() return { seen = seen, note = 'kept' } end,\n"
        "    restore = function(state) seen = state.seen end,\n"
        "}\n";
    std::string v3 = carrying;
    v3.replace(v3.find("VERSION"), 7, "v3");
    dir.write("rule.lua", v3);  // v2 has no snapshot(): nothing to carry into v3 yet
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 2; }));
    EXPECT_EQ(order(1).reason.view(), "v3 1");
    EXPECT_EQ(order(1).reason.view(), "v3 2");

    std::string v4 = carrying;
    v4.replace(v4.find("VERSION"), 7, "v4");
    dir.write("rule.lua", v4);
    ASSERT_TRUE(eventually([&] { return watcher().versions_published() == 3; }));
    EXPECT_EQ(order(1).reason.view(), "v4 3");  // v3's count carried over
}

TEST_F(HotReload, OffMeansEditsAreIgnored) {
    load(limit_rule(10, "v1"), no_reload_limits());
    EXPECT_EQ(rule->core().watcher(), nullptr);
    dir.write("rule.lua", limit_rule(20, "v2"));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(order(15).reason.view(), "v1");
}

TEST_F(HotReload, AVersionPublishedBeforeStartIsTakenAtStart) {
    path = dir.write("rule.lua", limit_rule(10, "v1"));
    auto loaded = LuaRiskRule::load(path, {}, test_limits(), logger);
    ASSERT_TRUE(loaded) << loaded.error().message;
    dir.write("rule.lua", limit_rule(20, "v2"));
    ASSERT_TRUE(eventually([&] { return (*loaded)->core().watcher()->versions_published() == 1; }));
    ASSERT_TRUE((*loaded)->start(ctx).is_ok());
    EXPECT_TRUE((*loaded)->check(limit_order(Side::Buy, 10.0, 15)).accept);
}

TEST(HotReloadStrategy, AStrategyKeepsItsOptedInStateAcrossAnEdit) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string body =
        "local quotes = 0\n"
        "return {\n"
        "    on_quote = function(q, ctx)\n"
        "        quotes = quotes + 1\n"
        "        ctx.metric('quotes', quotes * SCALE)\n"
        "    end,\n"
        "    snapshot = function() return quotes end,\n"
        "    restore = function(n) quotes = n end,\n"
        "}\n";
    auto version = [&](int scale) {
        std::string text = body;
        text.replace(text.find("SCALE"), 5, std::to_string(scale));
        return text;
    };
    const std::string path = dir.write("counter.lua", version(1));
    auto strategy = LuaStrategy::load(path, {}, test_limits(), logger);
    ASSERT_TRUE(strategy) << strategy.error().message;
    ASSERT_TRUE((*strategy)->start(ctx).is_ok());
    for (int i = 0; i < 4; ++i) (*strategy)->on_quote(fakes::quote_event(i, 100, 101, 1, 1));
    EXPECT_EQ(ctx.gauge("quotes").value(), 4.0);

    dir.write("counter.lua", version(10));
    ASSERT_TRUE(eventually([&] { return (*strategy)->core().watcher()->versions_published() == 1; }));
    (*strategy)->on_quote(fakes::quote_event(5, 100, 101, 1, 1));
    EXPECT_EQ(ctx.gauge("quotes").value(), 50.0);  // (4 carried + 1) x 10
}

}  // namespace
}  // namespace trellis::host::lua_test
