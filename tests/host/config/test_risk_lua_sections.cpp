// [risk] (levels, kill file), [lua] and [[alerts]].

#include <gtest/gtest.h>

#include "config_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

TEST(RiskSection, LevelsKillFileAndRules) {
    const std::string text = std::string(kValidHead) +
                             "[risk]\n"                                       // 10
                             "kill_file = \"run/KILL\"\n"                     // 11
                             "kill_poll = \"20ms\"\n"                         // 12
                             "[risk.levels]\n"                                // 13
                             "elevated = []\n"                                // 14
                             "high = [\"notify\", \"cancel_all\"]\n"          // 15
                             "severe = [\"halt\"]\n"                          // 16
                             "[[risk.rules]]\n"                               // 17
                             "name = \"qty\"\n"                               // 18
                             "plugin = \"max_order_qty\"\n"                   // 19
                             "[[alerts]]\n"                                   // 20
                             "name = \"log\"\n"                               // 21
                             "plugin = \"plugins/alerts/log_alerts.lua\"\n";  // 22
    const auto config = parse_inline(text);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->risk.kill_file, std::string(TRELLIS_SOURCE_DIR) + "/run/KILL");
    EXPECT_EQ(config->risk.kill_poll, 20'000'000);
    const auto& p = config->risk.policy;
    EXPECT_EQ(p.at(RiskLevel::Elevated), kActionNone);
    EXPECT_EQ(p.at(RiskLevel::High), kActionNotify | kActionCancelAll);
    EXPECT_EQ(p.at(RiskLevel::Severe), kActionHalt);
    EXPECT_EQ(p.at(RiskLevel::Halted), RiskLevelPolicy{}.at(RiskLevel::Halted));  // default kept
    ASSERT_EQ(config->risk_rules.size(), 1u);
    EXPECT_EQ(config->risk_rules[0].plugin, "max_order_qty");
    ASSERT_EQ(config->alert_sinks.size(), 1u);
    EXPECT_EQ(config->alert_sinks[0].plugin, std::string(TRELLIS_SOURCE_DIR) + "/plugins/alerts/log_alerts.lua");
}

TEST(RiskSection, UnknownActionAndLevelAreLocated) {
    const std::string text = std::string(kValidHead) +
                             "[risk.levels]\n"               // 10
                             "high = [\"reduce-only\"]\n"    // 11
                             "severe = [\"halt\"]\n"         // 12
                             "catastrophic = [\"halt\"]\n";  // 13
    const std::string errors = errors_of(text);
    EXPECT_NE(errors.find(at(11, 8) + "risk.levels.high: unknown action 'reduce-only' (did you mean 'reduce_only'?)"),
              std::string::npos)
        << errors;
    EXPECT_NE(errors.find(at(13, 1) + "risk.levels.catastrophic: unknown key"), std::string::npos) << errors;
}

TEST(LuaSection, LimitsAreReadAndChecked) {
    const auto config = parse_inline(std::string(kValidHead) +
                                     "[lua]\n"
                                     "instruction_budget = 50000\n"
                                     "memory_limit_mb = 4\n"
                                     "max_consecutive_errors = 5\n"
                                     "reload_poll = \"50ms\"\n"
                                     "hot_reload = false\n");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->lua.instruction_budget, 50000u);
    EXPECT_EQ(config->lua.memory_limit_mb, 4u);
    EXPECT_EQ(config->lua.max_consecutive_errors, 5);
    EXPECT_EQ(config->lua.reload_poll, 50'000'000);
    EXPECT_FALSE(config->lua.hot_reload);

    const std::string errors = errors_of(std::string(kValidHead) +
                                         "[lua]\n"                     // 10
                                         "memory_limit_mb = 0\n"       // 11
                                         "instruction_bugdet = 5\n");  // 12
    EXPECT_NE(errors.find(at(11, 19) + "lua.memory_limit_mb"), std::string::npos) << errors;
    EXPECT_NE(errors.find("did you mean 'instruction_budget'"), std::string::npos) << errors;
}
