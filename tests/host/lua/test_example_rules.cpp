// The example risk rules shipped in plugins/risk/*.lua, at their boundaries.

#include "lua/lua_risk_rule.hpp"
#include "lua_test_support.hpp"

namespace trellis::host::lua_test {
namespace {

class ExampleRule : public ::testing::Test {
protected:
    void load(const std::string& file, std::vector<RawParam> params = {}) {
        auto loaded = LuaRiskRule::load(source_path(file), params, no_reload_limits(), logger);
        ASSERT_TRUE(loaded) << loaded.error().message;
        rule = std::move(*loaded);
        const Status started = rule->start(ctx);
        ASSERT_TRUE(started.is_ok()) << started.message;
    }
    RiskDecision check(const OrderIntent& intent) { return rule->check(intent); }

    Logger logger{LogLevel::Error};
    fakes::FakeContext ctx = make_context();
    std::unique_ptr<LuaRiskRule> rule;
};

TEST_F(ExampleRule, MaxNotionalLimitOrdersAtTheBoundary) {
    load("plugins/risk/max_notional.lua");                                   // max_notional = 100000
    EXPECT_TRUE(check(limit_order(Side::Buy, 100.00, 1000)).accept);         // 100.00 x 1000 = 100000
    const RiskDecision over = check(limit_order(Side::Sell, 100.01, 1000));  // 100010 > 100000
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "notional 100010.00 > max_notional 100000.00");
    EXPECT_TRUE(check(limit_order(Side::Buy, 0.01, 1)).accept);
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

TEST_F(ExampleRule, MaxNotionalValuesMarketOrdersAtTheMid) {
    load("plugins/risk/max_notional.lua", {RawParam{"max_notional", std::int64_t{50000}, "cfg:1:1: max_notional"}});
    const RiskDecision no_market = check(market_order(Side::Buy, 10));
    EXPECT_FALSE(no_market.accept);
    EXPECT_EQ(no_market.reason.view(), "market order and no two-sided market to value it");
    ctx.set_book(0, TopOfBook{Price{4999}, Price{5001}, Quantity{100}, Quantity{100}});  // mid 50.00
    EXPECT_TRUE(check(market_order(Side::Buy, 1000)).accept);                            // 50.00 x 1000 = 50000
    EXPECT_FALSE(check(market_order(Side::Buy, 1001)).accept);                           // 50050 > 50000
    EXPECT_FALSE(check(limit_order(Side::Buy, 50.01, 1000)).accept);                     // 50010 > 50000
}

TEST_F(ExampleRule, InventoryGuardCountsPositionAndRestingOrders) {
    load("plugins/risk/inventory_guard.lua");  // max_position = 1000
    ctx.set_position(0, PositionView{Quantity{600}});
    ctx.open_qty[{0, Side::Buy}] = Quantity{300};
    ctx.open_qty[{0, Side::Sell}] = Quantity{500};
    EXPECT_TRUE(check(limit_order(Side::Buy, 10.0, 100)).accept);             // 600 + 300 + 100 = 1000
    const RiskDecision long_side = check(limit_order(Side::Buy, 10.0, 101));  // 1001
    EXPECT_FALSE(long_side.accept);
    EXPECT_EQ(long_side.reason.view(), "worst-case position 1001 > max_position 1000");
    EXPECT_TRUE(check(limit_order(Side::Sell, 10.0, 1100)).accept);         // 600 - 500 - 1100 = -1000
    const RiskDecision short_side = check(market_order(Side::Sell, 1101));  // -1001
    EXPECT_FALSE(short_side.accept);
    EXPECT_EQ(short_side.reason.view(), "worst-case position -1001 < -max_position 1000");
}

TEST_F(ExampleRule, InventoryGuardCountsOnlyTheIncreaseOfAReplace) {
    load("plugins/risk/inventory_guard.lua", {RawParam{"max_position", 1000.0, "cfg:1:1: max_position"}});
    ctx.set_position(0, PositionView{Quantity{600}});
    ctx.open_qty[{0, Side::Buy}] = Quantity{300};  // includes the 100 open of the order being replaced
    OrderIntent replace = limit_order(Side::Buy, 10.0, 200);
    replace.action = OrderIntent::Action::Replace;
    replace.previous_open = Quantity{100};
    EXPECT_TRUE(check(replace).accept);  // 600 + 300 + (200 - 100) = 1000
    replace.request.qty = Quantity{201};
    EXPECT_FALSE(check(replace).accept);  // 1001
}

// 2012-06-21 00:00:00 UTC; New York is UTC-4 that day, so 09:30 there is 13:30 UTC.
constexpr Timestamp kDay = 1'340'236'800'000'000'000;
constexpr Timestamp kHour = 3'600'000'000'000;
constexpr Timestamp kMinute = 60'000'000'000;

TEST_F(ExampleRule, TradingHoursOpenInclusiveCloseExclusive) {
    load("plugins/risk/trading_hours.lua");        // 09:30-16:00, UTC-4
    ctx.clock = kDay + 13 * kHour + 30 * kMinute;  // 09:30:00 New York
    EXPECT_TRUE(check(limit_order(Side::Buy, 10.0, 1)).accept);
    ctx.clock -= 1;  // 09:29:59.999999999
    const RiskDecision early = check(limit_order(Side::Buy, 10.0, 1));
    EXPECT_FALSE(early.accept);
    EXPECT_EQ(early.reason.view(), "outside trading hours 09:30-16:00");
    ctx.clock = kDay + 20 * kHour - 1;  // 15:59:59.999999999
    EXPECT_TRUE(check(limit_order(Side::Buy, 10.0, 1)).accept);
    ctx.clock = kDay + 20 * kHour;  // 16:00:00
    EXPECT_FALSE(check(limit_order(Side::Buy, 10.0, 1)).accept);
    ctx.clock = kDay + 3 * kHour;  // 23:00 the day before in New York
    EXPECT_FALSE(check(limit_order(Side::Buy, 10.0, 1)).accept);
}

TEST_F(ExampleRule, TradingHoursWithConfiguredWindowAndOffset) {
    load("plugins/risk/trading_hours.lua",
         {RawParam{"open", std::string("00:00"), "cfg:1:1: open"},
          RawParam{"close", std::string("01:00"), "cfg:2:1: close"},
          RawParam{"utc_offset_hours", std::int64_t{9}, "cfg:3:1: utc_offset_hours"}});  // Tokyo, UTC+9
    ctx.clock = kDay + 15 * kHour;                                                       // 00:00 in Tokyo on the 22nd
    EXPECT_TRUE(check(limit_order(Side::Buy, 10.0, 1)).accept);
    ctx.clock = kDay + 16 * kHour;  // 01:00 in Tokyo
    EXPECT_FALSE(check(limit_order(Side::Buy, 10.0, 1)).accept);
}

TEST_F(ExampleRule, TradingHoursRefusesABadTimeAtStart) {
    auto loaded = LuaRiskRule::load(source_path("plugins/risk/trading_hours.lua"),
                                    std::vector<RawParam>{RawParam{"open", std::string("9h30"), "cfg:1:1: open"}},
                                    no_reload_limits(), logger);
    ASSERT_TRUE(loaded) << loaded.error().message;
    const Status started = (*loaded)->start(ctx);
    EXPECT_FALSE(started.is_ok());
    EXPECT_NE(started.message.find("trading_hours.lua:23: params.open must be a time of day \"HH:MM\", got \"9h30\""),
              std::string::npos)
        << started.message;
}

}  // namespace
}  // namespace trellis::host::lua_test
