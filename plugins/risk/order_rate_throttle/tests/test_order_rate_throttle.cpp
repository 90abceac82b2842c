// order_rate_throttle at its boundary: the max_orders-th intent in a window
// passes, the next fails; an event at t stops counting at exactly t + window.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "order_rate_throttle.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::OrderRateThrottle;

namespace {

constexpr Timestamp kMs = 1'000'000;

class OrderRateThrottleTest : public RuleTest<OrderRateThrottle, risk::kOrderRateThrottleParams> {
protected:
    static Params params(fakes::ParamOverrides extra = {}) {
        return fakes::params_with_defaults(risk::kOrderRateThrottleParams,
                                           {{"max_orders", std::int64_t{3}}, {"window_ms", std::int64_t{1000}}}, extra);
    }
    OrderRateThrottle started(fakes::ParamOverrides extra = {}) { return started_from(params(extra)); }
    bool order_at(OrderRateThrottle& rule, Timestamp t, std::uint32_t strategy = 0, InstrumentId id = kAmzn) {
        ctx.clock = t;
        return rule.check(new_limit(id, Side::Buy, 2'200'000, 100, strategy)).accept;
    }
};

TEST_F(OrderRateThrottleTest, TheMaxOrdersThIntentPassesTheNextFails) {
    OrderRateThrottle rule = started();
    EXPECT_TRUE(order_at(rule, 0));
    EXPECT_TRUE(order_at(rule, 300 * kMs));
    EXPECT_TRUE(order_at(rule, 600 * kMs));  // 3rd in (−400 ms, 600 ms]: at the limit
    ctx.clock = 900 * kMs;
    const RiskDecision fourth = rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 100));
    EXPECT_FALSE(fourth.accept);
    EXPECT_EQ(fourth.reason.view(), "max 3 orders per 1000 ms reached");
}

TEST_F(OrderRateThrottleTest, WindowSlidesEventsExpireAtExactlyTPlusWindow) {
    OrderRateThrottle rule = started();
    order_at(rule, 0);
    order_at(rule, 300 * kMs);
    order_at(rule, 600 * kMs);
    EXPECT_FALSE(order_at(rule, 1000 * kMs - 1));  // the event at 0 still counts
    EXPECT_TRUE(order_at(rule, 1000 * kMs));       // window (0, 1000 ms]: 300, 600 → room for one
    EXPECT_FALSE(order_at(rule, 1299 * kMs));      // 300, 600, 1000
    EXPECT_TRUE(order_at(rule, 1300 * kMs));       // 300 gone
}

TEST_F(OrderRateThrottleTest, RejectedIntentsDoNotUseTheAllowance) {
    OrderRateThrottle rule = started();
    for (int i = 0; i < 3; ++i) order_at(rule, 0);
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(order_at(rule, 500 * kMs));  // spam while throttled
    // Had the 10 rejections been recorded, nothing would pass before 1500 ms.
    EXPECT_TRUE(order_at(rule, 1000 * kMs));
    EXPECT_TRUE(order_at(rule, 1000 * kMs));
    EXPECT_TRUE(order_at(rule, 1000 * kMs));
    EXPECT_FALSE(order_at(rule, 1000 * kMs));
}

TEST_F(OrderRateThrottleTest, ReplacesCountLikeNewOrders) {
    OrderRateThrottle rule = started();
    ctx.clock = 0;
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 100)).accept);
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 2'200'100, 100, 100)).accept);
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 2'200'200, 100, 100)).accept);
    EXPECT_FALSE(rule.check(replace_limit(kAmzn, Side::Buy, 2'200'300, 100, 100)).accept);
}

TEST_F(OrderRateThrottleTest, SharedAllowanceAcrossStrategiesByDefault) {
    OrderRateThrottle rule = started();
    EXPECT_TRUE(order_at(rule, 0, 0));
    EXPECT_TRUE(order_at(rule, 0, 1));
    EXPECT_TRUE(order_at(rule, 0, 7));
    EXPECT_FALSE(order_at(rule, 0, 1));
}

TEST_F(OrderRateThrottleTest, PerStrategyAllowances) {
    ctx.strategies = 2;  // windows are sized from the host's strategies in start()
    OrderRateThrottle rule = started({{"per_strategy", true}});
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(order_at(rule, 0, 0));
    EXPECT_FALSE(order_at(rule, 0, 0));
    EXPECT_TRUE(order_at(rule, 0, 1));  // strategy 1 has its own allowance
    // Strategy 2 has no window: rejected rather than let through uncounted.
    ctx.clock = 0;
    EXPECT_EQ(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 100, 2)).reason.view(),
              "strategy 2 beyond the host's 2 strategies");
}

TEST_F(OrderRateThrottleTest, SymbolLimitsWhatIsCountedAndJudged) {
    OrderRateThrottle rule = started({{"symbol", std::string("BTC")}});
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(order_at(rule, 0, 0, kAmzn));  // not BTC: ignored
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(order_at(rule, 0, 0, kBtc));
    EXPECT_FALSE(order_at(rule, 0, 0, kBtc));
}

TEST_F(OrderRateThrottleTest, LevelIsBreachWhileAnAllowanceIsUsedUp) {
    ctx.strategies = 6;
    OrderRateThrottle rule = started({{"per_strategy", true}, {"breach_level", std::string("high")}});
    order_at(rule, 0, 5);
    order_at(rule, 0, 5);
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // 2 of 3
    order_at(rule, 0, 5);
    EXPECT_EQ(rule.level(), RiskLevel::High);  // the next intent of strategy 5 would be rejected
    ctx.clock = 1000 * kMs;
    EXPECT_EQ(rule.level(), RiskLevel::Normal);
}

TEST_F(OrderRateThrottleTest, SnapshotRestoresEveryIntentAtItsTime) {
    OrderRateThrottle old_rule = started();
    order_at(old_rule, 0);
    order_at(old_rule, 300 * kMs);
    order_at(old_rule, 600 * kMs);
    const auto bytes = old_rule.snapshot();  // at 600 ms: 0, 300 and 600 ms in the window

    OrderRateThrottle new_rule(params());
    const Status restored = new_rule.restore(bytes);
    ASSERT_TRUE(restored) << restored.message;
    ASSERT_TRUE(new_rule.start(ctx));
    EXPECT_FALSE(order_at(new_rule, 900 * kMs));
    // Each restored intent leaves the window when the original would have: 0 at 1000 ms, 300 at 1300 ms.
    EXPECT_FALSE(order_at(new_rule, 1000 * kMs - 1));
    EXPECT_TRUE(order_at(new_rule, 1000 * kMs));
    EXPECT_FALSE(order_at(new_rule, 1300 * kMs - 1));
    EXPECT_TRUE(order_at(new_rule, 1300 * kMs));
}

TEST_F(OrderRateThrottleTest, RestoreRefusesForeignBytes) {
    OrderRateThrottle rule(params());
    const std::vector<std::byte> junk(12, std::byte{7});
    const Status s = rule.restore(junk);
    EXPECT_EQ(s.code, StatusCode::InvalidArgument);
    EXPECT_EQ(s.message, "order_rate_throttle: snapshot was not written by order_rate_throttle");
    EXPECT_TRUE(rule.restore({}));
}

TEST_F(OrderRateThrottleTest, ConstructorRefusesAZeroAllowance) {
    try {
        OrderRateThrottle rule(params({{"max_orders", std::int64_t{0}}}));
        FAIL() << "accepted max_orders 0";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "order_rate_throttle: params.max_orders = 0 must be at least 1 (intents)");
    }
    EXPECT_THROW(OrderRateThrottle(params({{"window_ms", std::int64_t{0}}})), std::invalid_argument);
    EXPECT_THROW(OrderRateThrottle(params({{"breach_level", std::string("loud")}})), std::invalid_argument);
}

}  // namespace
