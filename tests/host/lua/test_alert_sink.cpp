// Lua alert sinks: on_alert(alert, ctx) sees the alert's fields; the example
// plugins/alerts/log_alerts.lua filters by severity.

#include "lua/lua_alert_sink.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

Alert make_alert(Timestamp ts, AlertSeverity severity, std::string_view source, std::string_view message) {
    Alert a;
    a.ts = ts;
    a.severity = severity;
    a.source.assign(source);
    a.message.assign(message);
    return a;
}

TEST(LuaAlertSink, SeesEveryField) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("sink.lua", R"(
return {
    on_alert = function(alert, ctx)
        ctx.log("warn", alert.ts .. " " .. alert.severity .. " " .. alert.source .. ": " .. alert.message)
    end,
}
)");
    auto sink = LuaAlertSink::load(path, {}, no_reload_limits(), logger);
    ASSERT_TRUE(sink) << sink.error().message;
    ASSERT_TRUE((*sink)->start(static_cast<RiskContext&>(ctx)).is_ok());
    (*sink)->on_alert(make_alert(42, AlertSeverity::Critical, "risk", "kill switch engaged"));
    ASSERT_EQ(ctx.logs.size(), 1u);
    EXPECT_EQ(ctx.logs[0], "42 critical risk: kill switch engaged");
}

TEST(LuaAlertSink, MutedAfterErrorsInARow) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("sink.lua", "return { on_alert = function(alert, ctx) error('down') end }\n");
    auto sink = LuaAlertSink::load(path, {}, no_reload_limits(), logger);
    ASSERT_TRUE(sink) << sink.error().message;
    ASSERT_TRUE((*sink)->start(static_cast<RiskContext&>(ctx)).is_ok());
    for (int i = 0; i < 5; ++i) (*sink)->on_alert(make_alert(i, AlertSeverity::Info, "x", "y"));
    EXPECT_TRUE((*sink)->muted());
    EXPECT_EQ(ctx.counter_value("lua_errors"), 3);
    EXPECT_EQ(ctx.logs.back(), path +
                                   ": 3 errors in a row; the sink is muted: it receives no alerts until the file is "
                                   "reloaded successfully");
}

TEST(LuaAlertSink, LogAlertsExampleFiltersBySeverity) {
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    auto sink =
        LuaAlertSink::load(source_path("plugins/alerts/log_alerts.lua"),
                           std::vector<RawParam>{RawParam{"min_severity", std::string("warning"), "cfg:1:1: x"}},
                           no_reload_limits(), logger);
    ASSERT_TRUE(sink) << sink.error().message;
    ASSERT_TRUE((*sink)->start(static_cast<RiskContext&>(ctx)).is_ok());
    (*sink)->on_alert(make_alert(1, AlertSeverity::Info, "engine", "started"));
    (*sink)->on_alert(make_alert(2, AlertSeverity::Warning, "risk", "order rejected"));
    (*sink)->on_alert(make_alert(3, AlertSeverity::Critical, "risk", "halted"));
    ASSERT_EQ(ctx.logs.size(), 2u);
    EXPECT_EQ(ctx.logs[0], "[risk] order rejected");
    EXPECT_EQ(ctx.logs[1], "[risk] halted");
}

TEST(LuaAlertSink, LogAlertsExampleRefusesAnUnknownSeverity) {
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    auto sink = LuaAlertSink::load(source_path("plugins/alerts/log_alerts.lua"),
                                   std::vector<RawParam>{RawParam{"min_severity", std::string("loud"), "cfg:1:1: x"}},
                                   no_reload_limits(), logger);
    ASSERT_TRUE(sink) << sink.error().message;
    const Status started = (*sink)->start(static_cast<RiskContext&>(ctx));
    EXPECT_FALSE(started.is_ok());
    EXPECT_NE(started.message.find("params.min_severity must be \"info\", \"warning\" or \"critical\", got \"loud\""),
              std::string::npos)
        << started.message;
}

}  // namespace
}  // namespace trellis::host::lua_test
