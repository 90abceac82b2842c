// A Lua risk rule's other callbacks: market data, order updates, timers it
// sets itself — and Plugin::snapshot()/restore() between two instances.

#include "lua/lua_risk_rule.hpp"
#include "lua_test_support.hpp"
#include "strategy_events.hpp"

namespace trellis::host::lua_test {
namespace {

// Rejects buys while the last trade was below `floor`; counts fills; pauses
// everything for a second after a rejected order update.
constexpr const char* kStateful = R"(
local last_trade, fills, paused = nil, 0, false
return {
    params = { floor = 99.0 },
    on_trade = function(t, ctx) last_trade = t.price end,
    on_quote = function(q, ctx) ctx.metric("spread", q.ask - q.bid) end,
    on_order = function(u, ctx)
        if u.is_fill then fills = fills + u.last_qty end
        if u.status == "rejected" then
            paused = true
            ctx.set_timer(1.0, 5)
        end
    end,
    on_timer = function(ctx, token) if token == 5 then paused = false end end,
    check = function(order, ctx)
        if paused then return false, "paused" end
        if order.side == "buy" and last_trade ~= nil and last_trade < ctx.params.floor then
            return false, "falling market"
        end
        return true
    end,
    snapshot = function() return { last_trade = last_trade, fills = fills } end,
    restore = function(s) last_trade, fills = s.last_trade, s.fills end,
}
)";

class RiskRuleCallbacks : public ::testing::Test {
protected:
    std::unique_ptr<LuaRiskRule> load(fakes::FakeContext& context) {
        auto loaded = LuaRiskRule::load(path, {}, no_reload_limits(), logger);
        EXPECT_TRUE(loaded) << loaded.error().message;
        if (!loaded) return nullptr;
        EXPECT_TRUE((*loaded)->start(context).is_ok());
        return std::move(*loaded);
    }
    MarketEvent trade_at(double price) {
        MarketEvent e;
        e.type = MarketEventType::Trade;
        e.instrument = 0;
        e.trade = {Price{std::llround(price * 100)}, Quantity{10}, 0};
        return e;
    }

    ScriptDir dir;
    Logger logger{LogLevel::Error};
    fakes::FakeContext ctx = make_context();
    const std::string path = dir.write("stateful.lua", kStateful);
};

TEST_F(RiskRuleCallbacks, SeesMarketDataUpdatesAndItsOwnTimers) {
    auto rule = load(ctx);
    ASSERT_TRUE(rule);
    rule->on_market_data(fakes::quote_event(1, 9990, 9994, 5, 5));
    EXPECT_NEAR(ctx.gauge("spread").value(), 0.04, 1e-9);
    rule->on_market_data(trade_at(98.50));
    EXPECT_EQ(rule->check(limit_order(Side::Buy, 98.5, 1)).reason.view(), "falling market");
    EXPECT_TRUE(rule->check(limit_order(Side::Sell, 98.5, 1)).accept);
    rule->on_market_data(trade_at(99.00));
    EXPECT_TRUE(rule->check(limit_order(Side::Buy, 99.0, 1)).accept);

    ctx.clock = 10;
    rule->on_order_update(fakes::order_update(3, Side::Buy, OrderStatus::Rejected, 1));
    EXPECT_EQ(rule->check(limit_order(Side::Buy, 99.0, 1)).reason.view(), "paused");
    ASSERT_EQ(ctx.timers.size(), 1u);
    EXPECT_EQ(ctx.timers[0].at, 10 + 1'000'000'000);
    rule->on_timer(TimerEvent{ctx.timers[0].at, ctx.timers[0].token});
    EXPECT_TRUE(rule->check(limit_order(Side::Buy, 99.0, 1)).accept);
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

TEST_F(RiskRuleCallbacks, SnapshotOfOneInstanceRestoresIntoAnother) {
    auto first = load(ctx);
    ASSERT_TRUE(first);
    first->on_market_data(trade_at(97.00));
    const std::vector<std::byte> state = first->snapshot();
    ASSERT_FALSE(state.empty());

    auto ctx2 = make_context();
    auto second = load(ctx2);
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->check(limit_order(Side::Buy, 97.0, 1)).accept);  // knows no trade yet
    const Status restored = second->restore(state);
    ASSERT_TRUE(restored.is_ok()) << restored.message;
    EXPECT_EQ(second->check(limit_order(Side::Buy, 97.0, 1)).reason.view(), "falling market");
}

TEST_F(RiskRuleCallbacks, RestoreIntoAScriptWithoutRestoreIsRefused) {
    auto first = load(ctx);
    ASSERT_TRUE(first);
    const std::vector<std::byte> state = first->snapshot();
    const std::string plain = dir.write("plain.lua", "return { check = function() return true end }\n");
    auto other = LuaRiskRule::load(plain, {}, no_reload_limits(), logger);
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_TRUE((*other)->snapshot().empty());  // stateless: defines no snapshot()
    EXPECT_TRUE((*other)->restore({}).is_ok());
    const Status refused = (*other)->restore(state);
    EXPECT_FALSE(refused.is_ok());
    EXPECT_EQ(refused.message, plain + ": the script defines no restore(state), so it cannot take over a saved state");
}

TEST_F(RiskRuleCallbacks, EndlessRecursionIsStoppedToo) {
    const std::string file = dir.write("recursive.lua",
                                       "local function deeper(n) return 1 + deeper(n + 1) end\nreturn { check = "
                                       "function() return deeper(0) > 0 end }\n");
    auto rule = LuaRiskRule::load(file, {}, no_reload_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    const RiskDecision d = (*rule)->check(limit_order(Side::Buy, 1.0, 1));
    EXPECT_FALSE(d.accept);
    EXPECT_TRUE(std::string(d.reason.view()).starts_with(file + ":1: ")) << d.reason.view();
    EXPECT_TRUE((*rule)->check(limit_order(Side::Buy, 1.0, 1)).reason.view().starts_with(file + ":1: "));
}

}  // namespace
}  // namespace trellis::host::lua_test
