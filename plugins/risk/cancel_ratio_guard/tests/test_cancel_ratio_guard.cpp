// cancel_ratio_guard at its boundary: judged only from min_orders orders in the
// window; a ratio exactly at max_ratio passes, above it new orders fail; the
// window slides; venue cancels of IOC/market remainders are not counted.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "cancel_ratio_guard.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::CancelRatioGuard;

namespace {

constexpr Timestamp kMs = 1'000'000;

class CancelRatioGuardTest : public RuleTest<CancelRatioGuard, risk::kCancelRatioGuardParams> {
protected:
    OrderId next_id = 1;

    // Defaults: min_orders 20, window 1000 ms; max_ratio 0.9 unless a test says otherwise.
    static Params params(fakes::ParamOverrides extra = {}) {
        return fakes::params_with_defaults(risk::kCancelRatioGuardParams, {{"max_ratio", 0.9}}, extra);
    }
    CancelRatioGuard started(fakes::ParamOverrides extra = {}) { return started_from(params(extra)); }
    // A new GTC order at time t; returns the rule's verdict.
    RiskDecision order(CancelRatioGuard& rule, Timestamp t, std::uint32_t strategy = 0, InstrumentId id = kAmzn) {
        ctx.clock = t;
        return rule.check(new_limit(id, Side::Buy, 2'200'000, 100, strategy, next_id++));
    }
    // `n` orders at time t that must all pass.
    void orders(CancelRatioGuard& rule, int n, Timestamp t, std::uint32_t strategy = 0) {
        for (int i = 0; i < n; ++i) ASSERT_TRUE(order(rule, t, strategy).accept) << "order " << i;
    }
    // `n` Cancelled updates at time t (for orders the venue did not cancel by itself).
    void cancels(CancelRatioGuard& rule, int n, Timestamp t, std::uint32_t strategy = 0, InstrumentId id = kAmzn) {
        ctx.clock = t;
        for (int i = 0; i < n; ++i) rule.on_order_update(update_of(1000 + i, OrderStatus::Cancelled, id, strategy));
    }
};

TEST_F(CancelRatioGuardTest, NotJudgedBelowMinOrders) {
    CancelRatioGuard rule = started();
    orders(rule, 19, 0);
    cancels(rule, 19, 10 * kMs);  // ratio 1.0, but only 19 orders: not judged
    EXPECT_TRUE(order(rule, 20 * kMs).accept);
    // Now 19 / 20 = 0.95 > 0.9.
    const RiskDecision refused = order(rule, 30 * kMs);
    EXPECT_FALSE(refused.accept);
    EXPECT_EQ(refused.reason.view(), "19 cancels / 20 orders > max 0.9");
}

TEST_F(CancelRatioGuardTest, RatioExactlyAtTheLimitPasses) {
    CancelRatioGuard rule = started({{"max_ratio", 0.95}});
    orders(rule, 20, 0);
    cancels(rule, 19, 10 * kMs);
    EXPECT_TRUE(order(rule, 20 * kMs).accept);  // 19 / 20 = 0.95 exactly
    cancels(rule, 1, 30 * kMs);
    // 20 / 21 = 0.952… > 0.95.
    EXPECT_EQ(order(rule, 40 * kMs).reason.view(), "20 cancels / 21 orders > max 0.95");
}

TEST_F(CancelRatioGuardTest, RefusedOrdersDoNotDiluteTheRatio) {
    CancelRatioGuard rule = started();
    orders(rule, 20, 0);
    cancels(rule, 19, 0);
    for (int i = 0; i < 50; ++i) EXPECT_FALSE(order(rule, 100 * kMs).accept);
    // Had the 50 refusals counted as orders, 19 / 70 would have let this one through.
    EXPECT_FALSE(order(rule, 200 * kMs).accept);
}

TEST_F(CancelRatioGuardTest, WindowSlidesOrdersAndCancelsExpireAtTPlusWindow) {
    CancelRatioGuard rule = started();
    orders(rule, 20, 0);
    cancels(rule, 19, 400 * kMs);
    EXPECT_FALSE(order(rule, 1000 * kMs - 1).accept);  // window (−1 ns, 1000 ms − 1 ns]: 19 / 20
    // At 1000 ms the 20 orders from t = 0 leave the window: 0 orders, not judged.
    EXPECT_TRUE(order(rule, 1000 * kMs).accept);
    // The cancels stay until 1400 ms but cannot trip the guard before 20 new orders.
    orders(rule, 18, 1100 * kMs);                  // 19 orders in the window, 19 cancels
    EXPECT_TRUE(order(rule, 1200 * kMs).accept);   // 19 < min_orders: not judged; 20 orders after it
    EXPECT_FALSE(order(rule, 1300 * kMs).accept);  // 19 / 20 = 0.95
    EXPECT_TRUE(order(rule, 1400 * kMs).accept);   // cancels at 400 ms expired: 0 / 20
}

TEST_F(CancelRatioGuardTest, VenueCancelsOfImmediateOrdersAreNotCounted) {
    CancelRatioGuard rule = started();
    ctx.clock = 0;
    for (OrderId id = 1; id <= 20; ++id) {
        OrderIntent ioc = new_limit(kAmzn, Side::Buy, 2'200'000, 100, 0, id);
        ioc.request.tif = TimeInForce::ImmediateOrCancel;
        ASSERT_TRUE(rule.check(ioc).accept);
        rule.on_order_update(update_of(id, OrderStatus::Cancelled));  // the unfilled rest
    }
    for (OrderId id = 21; id <= 40; ++id) {
        ASSERT_TRUE(rule.check(new_market(kAmzn, Side::Sell, 100, 0, id)).accept);
        rule.on_order_update(update_of(id, OrderStatus::Cancelled));
    }
    EXPECT_TRUE(order(rule, 0).accept);  // 0 cancels / 40 orders
    // A cancelled GTC order does count.
    rule.on_order_update(update_of(41, OrderStatus::Cancelled));
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // 1 / 41
}

TEST_F(CancelRatioGuardTest, OtherUpdatesAreNotCancels) {
    CancelRatioGuard rule = started();
    orders(rule, 20, 0);
    for (const OrderStatus s : {OrderStatus::Rejected, OrderStatus::Filled, OrderStatus::CancelRejected,
                                OrderStatus::Replaced, OrderStatus::Accepted})
        for (int i = 0; i < 20; ++i) rule.on_order_update(update_of(1 + i, s));
    EXPECT_TRUE(order(rule, 0).accept);
}

TEST_F(CancelRatioGuardTest, ReplacesAreNeitherJudgedNorCounted) {
    CancelRatioGuard rule = started();
    orders(rule, 20, 0);
    cancels(rule, 19, 0);
    ctx.clock = 0;
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 2'200'100, 100, 100)).accept);
    for (int i = 0; i < 30; ++i) rule.check(replace_limit(kAmzn, Side::Buy, 2'200'100, 100, 100));
    EXPECT_EQ(order(rule, 0).reason.view(), "19 cancels / 20 orders > max 0.9");
}

TEST_F(CancelRatioGuardTest, SharedRatioAcrossStrategiesByDefault) {
    CancelRatioGuard rule = started();
    orders(rule, 10, 0, 0);
    orders(rule, 10, 0, 1);
    cancels(rule, 19, 0, 1);
    EXPECT_FALSE(order(rule, 0, 2).accept);  // 19 / 20 for the host as a whole
}

TEST_F(CancelRatioGuardTest, PerStrategyRatios) {
    ctx.strategies = 2;  // windows are sized from the host's strategies in start()
    CancelRatioGuard rule = started({{"per_strategy", true}});
    orders(rule, 20, 0, 0);
    orders(rule, 20, 0, 1);
    cancels(rule, 19, 0, 1);                 // strategy 1's cancels (update.strategy)
    EXPECT_TRUE(order(rule, 0, 0).accept);   // 0 / 20
    EXPECT_FALSE(order(rule, 0, 1).accept);  // 19 / 20
    EXPECT_EQ(order(rule, 0, 2).reason.view(), "strategy 2 beyond the host's 2 strategies");
}

TEST_F(CancelRatioGuardTest, SymbolLimitsWhatIsCountedAndJudged) {
    CancelRatioGuard rule = started({{"symbol", std::string("AMZN")}});
    orders(rule, 20, 0);
    cancels(rule, 19, 0, 0, kBtc);       // BTC cancels: ignored
    EXPECT_TRUE(order(rule, 0).accept);  // 0 / 20
    EXPECT_TRUE(order(rule, 0, 0, kBtc).accept);
    cancels(rule, 19, 0, 0, kAmzn);
    EXPECT_FALSE(order(rule, 0).accept);  // 19 / 21 = 0.905 > 0.9
    EXPECT_TRUE(order(rule, 0, 0, kBtc).accept);
}

TEST_F(CancelRatioGuardTest, LevelIsBreachWhileOverTheLimit) {
    CancelRatioGuard rule = started({{"breach_level", std::string("severe")}});
    orders(rule, 20, 0);
    cancels(rule, 18, 0);
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // 18 / 20 = 0.9: at the limit
    cancels(rule, 1, 0);
    EXPECT_EQ(rule.level(), RiskLevel::Severe);  // 19 / 20
    ctx.clock = 1000 * kMs;
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // window passed
}

TEST_F(CancelRatioGuardTest, SnapshotCarriesEveryEventAtItsTime) {
    CancelRatioGuard old_rule = started();
    orders(old_rule, 20, 0);
    cancels(old_rule, 19, 500 * kMs);
    ctx.clock = 600 * kMs;
    const auto bytes = old_rule.snapshot();

    CancelRatioGuard new_rule(params());
    const Status s = new_rule.restore(bytes);
    ASSERT_TRUE(s) << s.message;
    ASSERT_TRUE(new_rule.start(ctx));
    EXPECT_EQ(order(new_rule, 700 * kMs).reason.view(), "19 cancels / 20 orders > max 0.9");
    // Orders and cancels come back at their own times: the orders from t = 0
    // leave at 1000 ms, the cancels from 500 ms only at 1500 ms.
    EXPECT_FALSE(order(new_rule, 1000 * kMs - 1).accept);
    EXPECT_TRUE(order(new_rule, 1000 * kMs).accept);  // 0 orders left: not judged
    orders(new_rule, 18, 1100 * kMs);
    EXPECT_TRUE(order(new_rule, 1200 * kMs).accept);                                           // 19 < min_orders
    EXPECT_EQ(order(new_rule, 1300 * kMs).reason.view(), "19 cancels / 20 orders > max 0.9");  // restored cancels
    EXPECT_TRUE(order(new_rule, 1500 * kMs).accept);                                           // they left at 1500 ms
}

TEST_F(CancelRatioGuardTest, ConstructorRefusesUnusableParams) {
    const auto message = [](fakes::ParamOverrides p) {
        try {
            CancelRatioGuard rule(params(p));
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no exception");
    };
    EXPECT_EQ(message({{"min_orders", std::int64_t{50}}, {"window_capacity", std::int64_t{40}}}),
              "cancel_ratio_guard: params.window_capacity (40) is below params.min_orders (50), so the ratio could "
              "never be judged; raise window_capacity");
    EXPECT_EQ(message({{"max_ratio", 0.1234567}}),
              "cancel_ratio_guard: params.max_ratio = 0.1234567 has more than 6 decimals");
    EXPECT_EQ(message({{"breach_level", std::string("normal")}}),
              "cancel_ratio_guard: params.breach_level = 'normal' is not a breach level; use one of elevated, high, "
              "severe, halted");
}

}  // namespace
