// max_order_qty at its boundary: exactly max_qty passes, one lot more fails,
// in every instrument's own units.
//
// Instruments: AMZN (whole shares, lot 1) and BTC (qty_decimals 8, lot
// 0.00001 BTC = 1000 raw).
#include <gtest/gtest.h>

#include <string>

#include "max_order_qty.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::MaxOrderQty;

namespace {

class MaxOrderQtyTest : public RuleTest<MaxOrderQty, risk::kMaxOrderQtyParams> {
protected:
};

TEST_F(MaxOrderQtyTest, ExactlyAtTheLimitPassesOneLotOverFails) {
    MaxOrderQty rule = started({{"max_qty", 100.0}, {"symbol", std::string("AMZN")}});
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 100)).accept);
    const RiskDecision over = rule.check(new_limit(kAmzn, Side::Sell, 2'200'000, 101));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "qty 101 > max 100");
}

TEST_F(MaxOrderQtyTest, FractionalLimitInInstrumentUnits) {
    // 0.5 BTC = 50'000'000 raw; one lot over = 50'001'000 raw = 0.50001 BTC.
    MaxOrderQty rule = started({{"max_qty", 0.5}, {"symbol", std::string("BTC")}});
    EXPECT_TRUE(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 50'000'000)).accept);
    const RiskDecision over = rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 50'001'000));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "qty 0.50001 > max 0.5");
    // AMZN is outside the rule's symbol: any size passes here.
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 1'000'000)).accept);
}

TEST_F(MaxOrderQtyTest, EmptySymbolAppliesInEveryInstrumentsUnits) {
    // 2 units: 2 shares of AMZN, 2 BTC = 200'000'000 raw.
    MaxOrderQty rule = started({{"max_qty", 2.0}});
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 2)).accept);
    EXPECT_FALSE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 3)).accept);
    EXPECT_TRUE(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 200'000'000)).accept);
    EXPECT_EQ(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 200'001'000)).reason.view(), "qty 2.00001 > max 2");
}

TEST_F(MaxOrderQtyTest, MarketOrdersAreJudgedBySizeToo) {
    MaxOrderQty rule = started({{"max_qty", 100.0}});
    EXPECT_TRUE(rule.check(new_market(kAmzn, Side::Buy, 100)).accept);
    EXPECT_FALSE(rule.check(new_market(kAmzn, Side::Buy, 101)).accept);
}

TEST_F(MaxOrderQtyTest, ReplaceIsJudgedOnItsNewTotalQuantity) {
    MaxOrderQty rule = started({{"max_qty", 100.0}});
    // Replacing a 40-share remainder by a 100-share order: the new size counts, not the change.
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 2'200'000, 100, 40)).accept);
    const RiskDecision over = rule.check(replace_limit(kAmzn, Side::Buy, 2'200'000, 101, 100));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "qty 101 > max 100");
}

TEST_F(MaxOrderQtyTest, OrdersInFlightDoNotMatterToAPerOrderLimit) {
    MaxOrderQty rule = started({{"max_qty", 100.0}});
    ctx.open_qty[{kAmzn, Side::Buy}] = Quantity{10'000};
    ctx.open_order_counts[kAmzn] = 100;
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'200'000, 100)).accept);
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // a per-order limit holds no breach state
}

TEST_F(MaxOrderQtyTest, StartRefusesUnknownSymbolAndInexactLimit) {
    MaxOrderQty unknown(
        fakes::params_with_defaults(risk::kMaxOrderQtyParams, {{"max_qty", 1.0}, {"symbol", std::string("MSFT")}}));
    const Status s1 = unknown.start(ctx);
    EXPECT_EQ(s1.code, StatusCode::NotFound);
    EXPECT_NE(s1.message.find("max_order_qty: symbol 'MSFT' is not in the instrument table (known: AMZN, BTC)"),
              std::string::npos)
        << s1.message;

    // 0.5 shares of AMZN cannot be expressed: refused, not rounded.
    MaxOrderQty inexact(fakes::params_with_defaults(risk::kMaxOrderQtyParams, {{"max_qty", 0.5}}));
    const Status s2 = inexact.start(ctx);
    EXPECT_EQ(s2.code, StatusCode::InvalidArgument);
    EXPECT_EQ(s2.message,
              "max_order_qty: params.max_qty = 0.5 has more than 0 decimals (AMZN quantities have 0 decimals); or set "
              "params.symbol to apply the rule to one instrument only");
}

}  // namespace
