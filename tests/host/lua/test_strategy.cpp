// Lua strategies: orders reach the host through ctx, events reach the script
// as views, errors are logged with file:line and counted, and after
// max_consecutive_errors in a row the strategy stops. Also the example
// plugins/strategies/mean_reversion.lua.

#include "lua/lua_strategy.hpp"
#include "lua_test_support.hpp"
#include "strategy_events.hpp"

namespace trellis::host::lua_test {
namespace {

using Call = fakes::FakeContext::Call;

class LuaStrategyTest : public ::testing::Test {
protected:
    void load(const std::string& text, std::vector<RawParam> params = {}) {
        path = dir.write("strategy.lua", text);
        load_file(path, std::move(params));
    }
    void load_file(const std::string& file, std::vector<RawParam> params = {}) {
        auto loaded = LuaStrategy::load(file, params, no_reload_limits(), logger);
        ASSERT_TRUE(loaded) << loaded.error().message;
        strategy = std::move(*loaded);
        const Status started = strategy->start(ctx);
        ASSERT_TRUE(started.is_ok()) << started.message;
    }
    // A quote in dollars for AMZN (2 decimals).
    void quote(Timestamp ts, double bid, double ask, std::int64_t bid_qty = 100, std::int64_t ask_qty = 100) {
        ctx.clock = ts;
        strategy->on_quote(fakes::quote_event(ts, std::llround(bid * 100), std::llround(ask * 100), bid_qty, ask_qty));
    }

    ScriptDir dir;
    Logger logger{LogLevel::Error};
    fakes::FakeContext ctx = make_context();
    std::string path;
    std::unique_ptr<LuaStrategy> strategy;
};

TEST_F(LuaStrategyTest, PlacesLimitAndMarketOrdersCancelsAndSetsTimers) {
    load(R"(
local ids = {}
return {
    on_quote = function(q, ctx)
        ids[#ids + 1] = ctx.buy(q.symbol, 100, q.bid)
        ids[#ids + 1] = ctx.sell("AMZN", 5)
        ids[#ids + 1] = ctx.sell("AMZN", 2, q.ask + 0.05, "post_only")
        ids[#ids + 1] = ctx.buy("AMZN", 1, 99.99, "ioc")
        ctx.cancel(ids[1])
        ctx.replace(ids[3], "AMZN", 101.00, 4)
        ctx.set_timer(1.5, 7)
    end,
    on_timer = function(ctx, token)
        ctx.log("info", "timer " .. token .. " at " .. ctx.now() .. ", open " .. ctx.open_orders())
    end,
}
)");
    quote(1'000, 100.25, 100.27);
    ASSERT_EQ(ctx.calls.size(), 6u);
    const auto& buy = ctx.calls[0];
    EXPECT_EQ(buy.kind, Call::Kind::Submit);
    EXPECT_EQ(buy.request.side, Side::Buy);
    EXPECT_EQ(buy.request.type, OrderType::Limit);
    EXPECT_EQ(buy.request.tif, TimeInForce::GoodTillCancel);
    EXPECT_EQ(buy.request.price.raw, 10025);
    EXPECT_EQ(buy.request.qty.raw, 100);
    const auto& market = ctx.calls[1];
    EXPECT_EQ(market.request.side, Side::Sell);
    EXPECT_EQ(market.request.type, OrderType::Market);
    EXPECT_EQ(market.request.qty.raw, 5);
    const auto& post_only = ctx.calls[2];
    EXPECT_EQ(post_only.request.price.raw, 10032);  // 100.27 + 0.05 in floating point, on the cent grid
    EXPECT_EQ(post_only.request.tif, TimeInForce::PostOnly);
    EXPECT_EQ(ctx.calls[3].request.tif, TimeInForce::ImmediateOrCancel);
    EXPECT_EQ(ctx.calls[4].kind, Call::Kind::Cancel);
    EXPECT_EQ(ctx.calls[4].id, buy.id);
    EXPECT_EQ(ctx.calls[5].kind, Call::Kind::Replace);
    EXPECT_EQ(ctx.calls[5].id, post_only.id);
    EXPECT_EQ(ctx.calls[5].request.price.raw, 10100);
    EXPECT_EQ(ctx.calls[5].request.qty.raw, 4);
    ASSERT_EQ(ctx.timers.size(), 1u);
    EXPECT_EQ(ctx.timers[0].at, 1'000 + 1'500'000'000);
    EXPECT_EQ(ctx.timers[0].token, 7u);

    ctx.clock = ctx.timers[0].at;
    strategy->on_timer(TimerEvent{ctx.timers[0].at, 7});
    ASSERT_EQ(ctx.logs.size(), 1u);
    EXPECT_EQ(ctx.logs[0], "timer 7 at 1500001000, open 4");
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

TEST_F(LuaStrategyTest, ARefusedOrderReturnsNil) {
    ctx.refuse_submits = true;
    load(R"(
return { on_quote = function(q, ctx) ctx.log("info", tostring(ctx.buy("AMZN", 1, q.bid))) end }
)");
    quote(1, 99.99, 100.01);
    ASSERT_EQ(ctx.logs.size(), 1u);
    EXPECT_EQ(ctx.logs[0], "nil");
}

TEST_F(LuaStrategyTest, EventViewsCarryUnitsAndNames) {
    load(R"(
return {
    on_quote = function(q, ctx)
        ctx.log("info", string.format("quote %s %.2f/%.2f %g/%g mid %.3f", q.symbol, q.bid, q.ask, q.bid_qty, q.ask_qty, q.mid))
    end,
    on_trade = function(t, ctx)
        ctx.log("info", string.format("trade %s %s %.2f x %g", t.symbol, t.side, t.price, t.qty))
    end,
    on_order = function(u, ctx)
        ctx.log("info", string.format("order %d %s %s fill=%s %g@%.2f fee %.4f filled %g/%g tag %d", u.id, u.side,
            u.status, tostring(u.is_fill), u.last_qty, u.last_price, u.fee, u.filled_qty, u.qty, u.tag))
    end,
}
)");
    quote(1, 99.99, 100.02, 300, 200);
    MarketEvent trade;
    trade.type = MarketEventType::Trade;
    trade.instrument = 0;
    trade.side = Side::Sell;
    trade.trade = {Price{10001}, Quantity{50}, 0};
    strategy->on_trade(trade);
    OrderUpdate fill = fakes::fill_update(9, Side::Buy, 10000, 30, 30, 100);
    fill.last_fee = -15;  // Money: 10^-(2+0) dollars → -0.15
    fill.user_tag = 4;
    strategy->on_order_update(fill);
    ASSERT_EQ(ctx.logs.size(), 3u);
    EXPECT_EQ(ctx.logs[0], "quote AMZN 99.99/100.02 300/200 mid 100.005");
    EXPECT_EQ(ctx.logs[1], "trade AMZN sell 100.01 x 50");
    EXPECT_EQ(ctx.logs[2], "order 9 buy partially_filled fill=true 30@100.00 fee -0.1500 filled 30/100 tag 4");
}

TEST_F(LuaStrategyTest, BadOrderArgumentsAreErrorsWithFileAndLine) {
    load(R"(
return {
    on_quote = function(q, ctx)
        if q.bid_qty == 1 then ctx.buy("AMZN", 10, 99.995) end
        if q.bid_qty == 2 then ctx.buy("AMZN", 2.5, 99.99) end
        if q.bid_qty == 3 then ctx.sell("MSFT", 1) end
        if q.bid_qty == 4 then ctx.buy("AMZN", 1, 99.99, "fok") end
        if q.bid_qty == 5 then ctx.buy("AMZN", 1, -1) end
    end,
}
)");
    const std::vector<std::string> expected = {
        path + ":4: ctx.buy: price 99.995 has more than 2 decimals (AMZN prices have 2 decimals)",
        path + ":5: ctx.buy: qty = 2.5 has more than 0 decimals (AMZN quantities have 0 decimals)",
        path + ":6: unknown symbol 'MSFT' (known: AMZN)",
        path + ":7: time in force must be \"gtc\", \"ioc\" or \"post_only\", got \"fok\"",
        path + ":8: ctx.buy: price -1 must be positive",
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        quote(1, 99.99, 100.01, std::int64_t(i + 1));
        EXPECT_EQ(strategy->core().program().error(), expected[i]);
        quote(2, 99.99, 100.01, 100);  // a good call ends the streak
    }
    EXPECT_TRUE(ctx.calls.empty());
    EXPECT_EQ(ctx.counter_value("lua_errors"), 5);
    EXPECT_FALSE(strategy->stopped());
}

TEST_F(LuaStrategyTest, PriceOffTheTickGridNamesTheNearestValidPrices) {
    ctx = fakes::FakeContext({fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)});  // tick 0.01 at 4 decimals
    load(R"(
return { on_quote = function(q, ctx) ctx.buy("AMZN", 1, 100.005) end }
)");
    quote(1, 99.99, 100.01);
    EXPECT_EQ(
        strategy->core().program().error(),
        path + ":2: ctx.buy: price 100.005 is not a multiple of the AMZN tick size 0.01 (nearest: 100 or 100.01)");
}

TEST_F(LuaStrategyTest, StopsAfterMaxConsecutiveErrors) {
    load(R"(
local n = 0
return {
    on_quote = function(q, ctx)
        n = n + 1
        ctx.metric("calls", n)
        error("broken " .. n)
    end,
    on_timer = function(ctx, token) ctx.log("info", "timer") end,
}
)");
    for (int i = 1; i <= 5; ++i) quote(i, 99.99, 100.01);
    EXPECT_TRUE(strategy->stopped());
    EXPECT_EQ(ctx.gauge("calls").value(), 3.0);  // no calls after the third error
    EXPECT_EQ(ctx.counter_value("lua_errors"), 3);
    EXPECT_EQ(ctx.counter_value("lua_disabled"), 1);
    ASSERT_EQ(ctx.logs.size(), 4u);
    EXPECT_EQ(ctx.logs[2], "Lua error 3 of 3 in a row: " + path + ":7: broken 3");
    EXPECT_EQ(ctx.logs[3], path +
                               ": 3 errors in a row; the strategy is stopped: it receives no events and places no "
                               "orders until the file is reloaded successfully");
    strategy->on_timer(TimerEvent{10, 0});
    EXPECT_EQ(ctx.logs.size(), 4u);
}

TEST_F(LuaStrategyTest, StartAndStopCallbacks) {
    load(R"(
return {
    params = { greeting = "hello" },
    on_start = function(ctx) ctx.log("info", ctx.params.greeting .. " " .. ctx.position("AMZN")) end,
    on_stop = function(ctx) ctx.log("info", "bye") end,
}
)");
    strategy->stop();
    ASSERT_EQ(ctx.logs.size(), 2u);
    EXPECT_EQ(ctx.logs[0], "hello 0.0");
    EXPECT_EQ(ctx.logs[1], "bye");
}

// --- plugins/strategies/mean_reversion.lua ---

TEST_F(LuaStrategyTest, MeanReversionBidsWhenTheMidFallsBelowItsMean) {
    load_file(source_path("plugins/strategies/mean_reversion.lua"));
    quote(1, 99.99, 100.01);  // mid 100.00: the mean starts there
    EXPECT_TRUE(ctx.calls.empty());
    // mid 99.95: mean = 100 + a(99.95 - 100) with a = 1 - 0.5^(1/50) = 0.013766
    // = 99.99931, deviation (99.95 - 99.99931) / 0.01 = -4.93 ticks <= -3: bid at the best bid.
    quote(2, 99.94, 99.96);
    ASSERT_EQ(ctx.calls.size(), 1u);
    EXPECT_EQ(ctx.calls[0].kind, Call::Kind::Submit);
    EXPECT_EQ(ctx.calls[0].request.side, Side::Buy);
    EXPECT_EQ(ctx.calls[0].request.price.raw, 9994);
    EXPECT_EQ(ctx.calls[0].request.qty.raw, 100);
    EXPECT_EQ(ctx.calls[0].request.tif, TimeInForce::PostOnly);
    const OrderId id = ctx.calls[0].id;

    quote(3, 99.94, 99.96);  // still low, but one bid is live already
    EXPECT_EQ(ctx.calls.size(), 1u);

    strategy->on_order_update(fakes::order_update(id, Side::Buy, OrderStatus::Accepted, 100));
    ASSERT_EQ(ctx.timers.size(), 1u);
    EXPECT_EQ(ctx.timers[0].at, 3 + 5'000'000'000);  // order_timeout_s = 5
    EXPECT_EQ(ctx.timers[0].token, id);
    strategy->on_timer(TimerEvent{ctx.timers[0].at, id});
    ASSERT_EQ(ctx.calls.size(), 2u);
    EXPECT_EQ(ctx.calls[1].kind, Call::Kind::Cancel);
    EXPECT_EQ(ctx.calls[1].id, id);

    strategy->on_order_update(fakes::fill_update(id, Side::Buy, 9994, 100, 100, 100));
    quote(4, 99.94, 99.96);  // the side is free again; position 100 + 100 <= 500
    ASSERT_EQ(ctx.calls.size(), 3u);
    EXPECT_EQ(ctx.calls[2].request.side, Side::Buy);
    EXPECT_EQ(ctx.counter_value("lua_errors"), 0);
}

TEST_F(LuaStrategyTest, MeanReversionRespectsMaxPosition) {
    ctx.set_position(0, PositionView{Quantity{450}});
    load_file(source_path("plugins/strategies/mean_reversion.lua"));
    quote(1, 99.99, 100.01);
    quote(2, 99.94, 99.96);  // 450 + 100 > 500: no bid
    EXPECT_TRUE(ctx.calls.empty());
    quote(3, 100.04, 100.06);  // mid above the mean: an offer, 450 - 100 >= -500
    ASSERT_EQ(ctx.calls.size(), 1u);
    EXPECT_EQ(ctx.calls[0].request.side, Side::Sell);
    EXPECT_EQ(ctx.calls[0].request.price.raw, 10006);
}

}  // namespace
}  // namespace trellis::host::lua_test
