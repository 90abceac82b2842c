// The hot path allocates nothing once warmed up: a check() through the
// example rules, and a strategy's on_quote, leave the state's allocation
// count (counted by its lua_Alloc) unchanged.

#include "lua/lua_risk_rule.hpp"
#include "lua/lua_strategy.hpp"
#include "lua_test_support.hpp"
#include "strategy_events.hpp"

namespace trellis::host::lua_test {
namespace {

class NoAllocation : public ::testing::TestWithParam<const char*> {};

TEST_P(NoAllocation, CheckDoesNotAllocateOnceWarm) {
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    ctx.clock = 1'340'285'400'000'000'000;  // 2012-06-21 09:30 New York: trading_hours accepts
    ctx.set_book(0, TopOfBook{Price{9999}, Price{10001}, Quantity{100}, Quantity{100}});
    auto rule = LuaRiskRule::load(source_path(GetParam()), {}, test_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    const OrderIntent order = limit_order(Side::Buy, 100.00, 10);
    const OrderIntent market = market_order(Side::Sell, 10);
    for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE((*rule)->check(order).accept);
        ASSERT_TRUE((*rule)->check(market).accept);
    }
    const std::uint64_t before = (*rule)->core().program().memory().allocations();
    for (int i = 0; i < 10'000; ++i) {
        ASSERT_TRUE((*rule)->check(order).accept);
        ASSERT_TRUE((*rule)->check(market).accept);
    }
    EXPECT_EQ((*rule)->core().program().memory().allocations(), before);
}

INSTANTIATE_TEST_SUITE_P(ExampleRules, NoAllocation,
                         ::testing::Values("plugins/risk/max_notional.lua", "plugins/risk/inventory_guard.lua",
                                           "plugins/risk/trading_hours.lua"));

TEST(NoAllocationViews, ReadingEveryOrderFieldDoesNotAllocate) {
    ScriptDir dir;
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    const std::string path = dir.write("fields.lua", R"(
return {
    check = function(order, ctx)
        local a, b, c, d, e = order.id, order.action, order.side, order.type, order.tif
        local f, g, h, i, j = order.symbol, order.instrument, order.price, order.qty, order.notional
        local k, l, m = order.previous_open, order.strategy, order.tag
        local n, o, p = ctx.position(f), ctx.mid(f), ctx.open_orders(f)
        local q, r = ctx.open_quantity(f, c), ctx.now()
        ctx.metric("last_qty", i)
        return c == "buy" and f == "AMZN" and l == "strategy0"
    end,
}
)");
    auto rule = LuaRiskRule::load(path, {}, no_reload_limits(), logger);
    ASSERT_TRUE(rule) << rule.error().message;
    ASSERT_TRUE((*rule)->start(ctx).is_ok());
    const OrderIntent order = limit_order(Side::Buy, 100.00, 10);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE((*rule)->check(order).accept) << (*rule)->core().program().error();
    const std::uint64_t before = (*rule)->core().program().memory().allocations();
    for (int i = 0; i < 10'000; ++i) ASSERT_TRUE((*rule)->check(order).accept);
    EXPECT_EQ((*rule)->core().program().memory().allocations(), before);
    EXPECT_EQ(ctx.gauge("last_qty").value(), 10.0);
}

TEST(NoAllocationViews, StrategyQuotesDoNotAllocate) {
    Logger logger(LogLevel::Error);
    auto ctx = make_context();
    auto strategy =
        LuaStrategy::load(source_path("plugins/strategies/mean_reversion.lua"), {}, no_reload_limits(), logger);
    ASSERT_TRUE(strategy) << strategy.error().message;
    ASSERT_TRUE((*strategy)->start(ctx).is_ok());
    // Quotes that wander within a tick of the mean: no orders, only the mean moves.
    auto feed = [&](int n) {
        for (int i = 0; i < n; ++i) (*strategy)->on_quote(fakes::quote_event(i, 9999 + i % 2, 10001 + i % 2, 100, 100));
    };
    feed(10);
    const std::uint64_t before = (*strategy)->core().program().memory().allocations();
    feed(10'000);
    EXPECT_EQ((*strategy)->core().program().memory().allocations(), before);
    EXPECT_TRUE(ctx.calls.empty());
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

}  // namespace
}  // namespace trellis::host::lua_test
