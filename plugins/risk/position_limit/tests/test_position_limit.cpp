// position_limit at its boundary: worst-case position = position + open orders
// on the same side + this order; exactly the limit passes, one unit more fails.
//
// AMZN: whole shares (qty raw = shares). BTC: qty_decimals 8 (0.01 BTC = 1'000'000 raw).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "position_limit.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::PositionLimit;

namespace {

constexpr std::int64_t kPrice = 2'200'000;  // 220.00, irrelevant to this rule

class PositionLimitTest : public RuleTest<PositionLimit, risk::kPositionLimitParams> {
protected:
    void position(InstrumentId id, std::int64_t qty) { ctx.set_position(id, PositionView{Quantity{qty}}); }
    void open(InstrumentId id, Side side, std::int64_t qty) { ctx.open_qty[{id, side}] = Quantity{qty}; }
};

TEST_F(PositionLimitTest, LongAtTheLimitPassesOneShareOverFails) {
    PositionLimit rule = started({{"max_position", 500.0}});
    position(kAmzn, 200);
    open(kAmzn, Side::Buy, 200);  // live or still in flight: the host counts both
    // 200 + 200 + 100 = 500 = max.
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 100)).accept);
    // 200 + 200 + 101 = 501.
    const RiskDecision over = rule.check(new_limit(kAmzn, Side::Buy, kPrice, 101));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "long 501 > max 500: pos 200, open 200, order 101");
}

TEST_F(PositionLimitTest, ShortAtTheLimitPassesOneShareOverFails) {
    PositionLimit rule = started({{"max_position", 500.0}});
    position(kAmzn, -200);
    open(kAmzn, Side::Sell, 200);
    // short = 200 open + 100 order − (−200) position = 500.
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 100)).accept);
    const RiskDecision over = rule.check(new_limit(kAmzn, Side::Sell, kPrice, 101));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "short 501 > max 500: pos -200, open 200, order 101");
}

TEST_F(PositionLimitTest, OrdersInFlightCountAtOnceAndTheOtherSideDoesNotOffset) {
    PositionLimit rule = started({{"max_position", 500.0}});
    // Flat, 400 bought and 400 sold in open orders: either side may fill alone.
    open(kAmzn, Side::Buy, 400);
    open(kAmzn, Side::Sell, 400);
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 100)).accept);    // 0 + 400 + 100
    EXPECT_FALSE(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 101)).accept);   // 501
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 100)).accept);   // 400 + 100 − 0
    EXPECT_FALSE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 101)).accept);  // 501
}

TEST_F(PositionLimitTest, ReducingOrdersPassEvenBeyondTheLimit) {
    PositionLimit rule = started({{"max_position", 500.0}});
    position(kAmzn, 600);                      // e.g. the limit was lowered by a hot swap
    EXPECT_EQ(rule.level(), RiskLevel::High);  // default breach_level
    // A sell of 600 takes the position to 0: short exposure 0 + 600 − 600 = 0.
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 600)).accept);
    // A sell of 1100 would leave a short of 500: still allowed (= max).
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 1100)).accept);
    EXPECT_FALSE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 1101)).accept);
    // Any buy grows the long: 601 > 500.
    EXPECT_EQ(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 1)).reason.view(),
              "long 601 > max 500: pos 600, open 0, order 1");
}

TEST_F(PositionLimitTest, LevelIsBreachOnlyBeyondNotAtTheLimit) {
    PositionLimit rule = started({{"max_position", 500.0}, {"breach_level", std::string("severe")}});
    EXPECT_EQ(rule.level(), RiskLevel::Normal);
    position(kAmzn, 500);
    open(kAmzn, Side::Buy, 1000);  // orders do not make a breach, only the position does
    EXPECT_EQ(rule.level(), RiskLevel::Normal);
    position(kAmzn, -501);
    EXPECT_EQ(rule.level(), RiskLevel::Severe);
    position(kAmzn, 0);
    position(kBtc, 50'000'000'001);  // 500.00000001 BTC, beyond 500
    EXPECT_EQ(rule.level(), RiskLevel::Severe);
    rule.stop();
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // no context after stop
}

TEST_F(PositionLimitTest, ReplaceSwapsTheOrdersOldRemainderForItsNewSize) {
    PositionLimit rule = started({{"max_position", 500.0}});
    position(kAmzn, 0);
    open(kAmzn, Side::Buy, 500);  // includes the order being replaced, 100 left
    // 0 + (500 − 100) + 100 = 500: moving the order's price changes nothing.
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, kPrice + 100, 100, 100)).accept);
    // 0 + 400 + 101 = 501.
    EXPECT_EQ(rule.check(replace_limit(kAmzn, Side::Buy, kPrice, 101, 100)).reason.view(),
              "long 501 > max 500: pos 0, open 400, order 101");
    // Shrinking an order always fits: 0 + 400 + 50.
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, kPrice, 50, 100)).accept);
}

TEST_F(PositionLimitTest, SeparateLongAndShortLimits) {
    // Long-only: max_long from max_position, max_short 0.
    PositionLimit rule = started({{"max_position", 100.0}, {"max_short", 0.0}});
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 100)).accept);
    EXPECT_EQ(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 1)).reason.view(),
              "short 1 > max 0: pos 0, open 0, order 1");
    position(kAmzn, 100);
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 100)).accept);  // back to flat
    EXPECT_FALSE(rule.check(new_limit(kAmzn, Side::Sell, kPrice, 101)).accept);

    PositionLimit sides = started({{"max_long", 300.0}, {"max_short", 200.0}});
    EXPECT_TRUE(sides.check(new_limit(kAmzn, Side::Buy, kPrice, 200)).accept);  // 100 + 200 = 300
    EXPECT_FALSE(sides.check(new_limit(kAmzn, Side::Buy, kPrice, 201)).accept);
    EXPECT_TRUE(sides.check(new_limit(kAmzn, Side::Sell, kPrice, 300)).accept);  // 300 − 100 = 200
    EXPECT_FALSE(sides.check(new_limit(kAmzn, Side::Sell, kPrice, 301)).accept);
}

TEST_F(PositionLimitTest, FractionalLimitInBtc) {
    // 0.05 BTC = 5'000'000 raw. 0.02 + 0.02 + 0.01 = 0.05; one lot (0.00001) more fails.
    PositionLimit rule = started({{"max_position", 0.05}, {"symbol", std::string("BTC")}});
    position(kBtc, 2'000'000);
    open(kBtc, Side::Buy, 2'000'000);
    EXPECT_TRUE(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 1'000'000)).accept);
    EXPECT_EQ(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 1'001'000)).reason.view(),
              "long 0.05001 > max 0.05: pos 0.02, open 0.02, order 0.01001");
    // AMZN is outside the symbol: neither judged nor a breach.
    position(kAmzn, 1'000'000);
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 1'000'000)).accept);
    EXPECT_EQ(rule.level(), RiskLevel::Normal);
}

TEST_F(PositionLimitTest, ConstructorRefusesMissingOrNegativeLimits) {
    const auto make = [](fakes::ParamOverrides p) {
        return PositionLimit(fakes::params_with_defaults(risk::kPositionLimitParams, p));
    };
    try {
        make({{"max_long", 100.0}});
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "position_limit: no short limit; set params.max_position (both sides) or params.max_short, in "
                  "instrument units");
    }
    try {
        make({{"max_position", 100.0}, {"max_long", -0.5}});
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "position_limit: params.max_long = -0.5 is negative; give a size in instrument units, or -1 for not "
                  "set");
    }
    EXPECT_THROW(make({{"max_position", 100.0}, {"breach_level", std::string("normal")}}), std::invalid_argument);
}

TEST_F(PositionLimitTest, StartNamesTheKeyTheLimitCameFrom) {
    PositionLimit rule(
        fakes::params_with_defaults(risk::kPositionLimitParams, {{"max_position", 1.0}, {"max_short", 0.5}}));
    const Status s = rule.start(ctx);
    EXPECT_EQ(s.code, StatusCode::InvalidArgument);
    EXPECT_EQ(s.message,
              "position_limit: params.max_short = 0.5 has more than 0 decimals (AMZN quantities have 0 decimals); or "
              "set params.symbol to apply the rule to one instrument only");
}

}  // namespace
