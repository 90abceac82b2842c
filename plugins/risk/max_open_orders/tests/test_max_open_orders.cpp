// max_open_orders at its boundary: the new order that makes exactly max_open
// live orders passes, the next fails; per instrument, all together or one symbol.
// FakeContext::open_order_counts stands for the host's count, which includes
// orders still in flight to the venue.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "max_open_orders.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::MaxOpenOrders;

namespace {

class MaxOpenOrdersTest : public RuleTest<MaxOpenOrders, risk::kMaxOpenOrdersParams> {
protected:
    RiskDecision new_order(MaxOpenOrders& rule, InstrumentId id) {
        return rule.check(new_limit(id, Side::Buy, 1'000'000, 100));
    }
    void live(std::size_t amzn, std::size_t btc) {
        ctx.open_order_counts[kAmzn] = amzn;
        ctx.open_order_counts[kBtc] = btc;
    }
};

TEST_F(MaxOpenOrdersTest, AllInstrumentsTogether) {
    MaxOpenOrders rule = started({{"max_open", std::int64_t{10}}});
    live(6, 3);  // 9 live: the new one makes 10 = max
    EXPECT_TRUE(new_order(rule, kAmzn).accept);
    EXPECT_TRUE(new_order(rule, kBtc).accept);
    live(7, 3);  // 10 live: no room
    const RiskDecision full = new_order(rule, kBtc);
    EXPECT_FALSE(full.accept);
    EXPECT_EQ(full.reason.view(), "10 live orders, max 10");
}

TEST_F(MaxOpenOrdersTest, PerInstrument) {
    MaxOpenOrders rule = started({{"max_open", std::int64_t{10}}, {"per_instrument", true}});
    live(10, 9);
    EXPECT_EQ(new_order(rule, kAmzn).reason.view(), "10 live orders in AMZN, max 10");
    EXPECT_TRUE(new_order(rule, kBtc).accept);  // 9 + 1 = 10
    live(9, 10);
    EXPECT_TRUE(new_order(rule, kAmzn).accept);
    EXPECT_FALSE(new_order(rule, kBtc).accept);
}

TEST_F(MaxOpenOrdersTest, OneSymbolCountsOnlyItsOwnOrders) {
    MaxOpenOrders rule = started({{"max_open", std::int64_t{2}}, {"symbol", std::string("BTC")}});
    live(50, 1);
    EXPECT_TRUE(new_order(rule, kAmzn).accept);  // not judged
    EXPECT_TRUE(new_order(rule, kBtc).accept);   // 1 + 1 = 2
    live(0, 2);
    EXPECT_EQ(new_order(rule, kBtc).reason.view(), "2 live orders in BTC, max 2");
}

TEST_F(MaxOpenOrdersTest, ReplacesDoNotAddAnOrder) {
    MaxOpenOrders rule = started({{"max_open", std::int64_t{10}}});
    live(10, 0);
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 1'000'100, 100, 100)).accept);
    EXPECT_FALSE(new_order(rule, kAmzn).accept);
}

TEST_F(MaxOpenOrdersTest, LevelIsBreachOnlyAboveTheLimit) {
    MaxOpenOrders all = started({{"max_open", std::int64_t{10}}});
    live(5, 5);
    EXPECT_EQ(all.level(), RiskLevel::Normal);  // at the limit: orders refused, but nothing wrong
    live(6, 5);
    EXPECT_EQ(all.level(), RiskLevel::Elevated);

    MaxOpenOrders each =
        started({{"max_open", std::int64_t{10}}, {"per_instrument", true}, {"breach_level", std::string("high")}});
    live(10, 10);
    EXPECT_EQ(each.level(), RiskLevel::Normal);
    live(10, 11);
    EXPECT_EQ(each.level(), RiskLevel::High);

    MaxOpenOrders btc = started({{"max_open", std::int64_t{10}}, {"symbol", std::string("BTC")}});
    live(50, 10);
    EXPECT_EQ(btc.level(), RiskLevel::Normal);  // AMZN is not its business
}

TEST_F(MaxOpenOrdersTest, ConstructorRefusesZero) {
    EXPECT_THROW(
        MaxOpenOrders(fakes::params_with_defaults(risk::kMaxOpenOrdersParams, {{"max_open", std::int64_t{0}}})),
        std::invalid_argument);
}

}  // namespace
