// Errors in a row quarantine a Lua risk rule: it rejects everything saying so
// and reports RiskLevel::Severe until its file is reloaded successfully.

#include "lua/lua_risk_rule.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

// Rejects nothing, but raises an error for an order of 13 shares (line 3).
constexpr const char* kFragile =
    "return {\n"
    "    check = function(order, ctx)\n"
    "        if order.qty == 13 then error('unlucky') end\n"
    "        return true\n"
    "    end,\n"
    "}\n";

class Quarantine : public ::testing::Test {
protected:
    void load(const LuaLimits& limits) {
        path = dir.write("fragile.lua", kFragile);
        auto loaded = LuaRiskRule::load(path, {}, limits, logger);
        ASSERT_TRUE(loaded) << loaded.error().message;
        rule = std::move(*loaded);
        ASSERT_TRUE(rule->start(ctx).is_ok());
    }
    RiskDecision order(std::int64_t qty) { return rule->check(limit_order(Side::Buy, 10.0, qty)); }

    ScriptDir dir;
    Logger logger{LogLevel::Error};
    fakes::FakeContext ctx = make_context();
    std::string path;
    std::unique_ptr<LuaRiskRule> rule;
};

TEST_F(Quarantine, AfterMaxConsecutiveErrorsEverythingIsRejected) {
    load(no_reload_limits());  // max_consecutive_errors = 3
    const std::string error = path + ":3: unlucky";
    for (int i = 1; i <= 2; ++i) {
        const RiskDecision d = order(13);
        EXPECT_FALSE(d.accept);
        EXPECT_EQ(d.reason.view(), error);
        EXPECT_FALSE(rule->quarantined());
        EXPECT_EQ(rule->level(), RiskLevel::Normal);
    }
    EXPECT_EQ(order(13).reason.view(), error);  // the third in a row
    EXPECT_TRUE(rule->quarantined());
    EXPECT_EQ(rule->level(), RiskLevel::Severe);

    const RiskDecision healthy_order = order(1);
    EXPECT_FALSE(healthy_order.accept);
    EXPECT_EQ(healthy_order.reason.view(), "quarantined after 3 errors in a row; last: " + error);
    EXPECT_EQ(ctx.counter_value("lua_errors"), 3);
    EXPECT_EQ(ctx.counter_value("lua_disabled"), 1);
    // The errors up to the trip and the trip itself were logged; nothing after.
    ASSERT_EQ(ctx.logs.size(), 4u);
    EXPECT_EQ(ctx.logs[0], "Lua error 1 of 3 in a row: " + error);
    EXPECT_EQ(ctx.logs[3], path +
                               ": 3 errors in a row; the rule is quarantined: it rejects every order and reports "
                               "risk level severe until the file is reloaded successfully");
}

TEST_F(Quarantine, ASuccessEndsTheStreak) {
    load(no_reload_limits());
    for (int round = 0; round < 3; ++round) {
        EXPECT_FALSE(order(13).accept);
        EXPECT_FALSE(order(13).accept);
        EXPECT_TRUE(order(1).accept);
    }
    EXPECT_FALSE(rule->quarantined());
    EXPECT_EQ(ctx.counter_value("lua_errors"), 6);
}

TEST_F(Quarantine, ConfiguredLimit) {
    LuaLimits limits = no_reload_limits();
    limits.max_consecutive_errors = 1;
    load(limits);
    EXPECT_FALSE(order(13).accept);
    EXPECT_TRUE(rule->quarantined());
}

TEST_F(Quarantine, ASuccessfulReloadLiftsIt) {
    load(test_limits());
    for (int i = 0; i < 3; ++i) order(13);
    ASSERT_TRUE(rule->quarantined());

    // A broken edit does not lift it...
    dir.write("fragile.lua", "return {\n    check = function(order, ctx)\n        return true\n    end\n");
    ASSERT_TRUE(eventually([&] { return rule->core().watcher()->load_failures() == 1; }));
    EXPECT_FALSE(order(1).accept);
    EXPECT_EQ(rule->level(), RiskLevel::Severe);

    // ...a fixed one does, at the next order.
    dir.write("fragile.lua", "return {\n    check = function(order, ctx)\n        return true\n    end,\n}\n");
    ASSERT_TRUE(eventually([&] { return rule->core().watcher()->versions_published() == 1; }));
    EXPECT_TRUE(order(13).accept);
    EXPECT_FALSE(rule->quarantined());
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_EQ(ctx.counter_value("lua_reloads"), 1);
}

}  // namespace
}  // namespace trellis::host::lua_test
