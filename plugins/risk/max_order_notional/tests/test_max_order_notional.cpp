// max_order_notional at its boundary: an order worth exactly max_notional
// passes, one share / one tick / one lot more fails; market orders are valued
// at the opposite best and refused when there is none.
//
// AMZN: price_decimals 4 (200.00 = 2'000'000 raw, tick 100 raw), whole shares:
//   Money = price_raw × qty_raw in units of 10^-4 USD.
// BTC: price_decimals 2 (30000.00 = 3'000'000 raw), qty_decimals 8, lot 1000 raw:
//   Money in units of 10^-10 USD.
#include <gtest/gtest.h>

#include <string>

#include "max_order_notional.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::MaxOrderNotional;

namespace {

class MaxOrderNotionalTest : public RuleTest<MaxOrderNotional, risk::kMaxOrderNotionalParams> {
protected:
};

TEST_F(MaxOrderNotionalTest, ExactlyAtTheLimitPassesOneShareOrOneTickOverFails) {
    // 100000 USD = 1'000'000'000 Money units; 500 × 200.00 = 500 × 2'000'000 = 1e9 exactly.
    MaxOrderNotional rule = started({{"max_notional", 100000.0}});
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'000'000, 500)).accept);
    // 501 × 200.00 = 100200 USD.
    const RiskDecision one_share = rule.check(new_limit(kAmzn, Side::Buy, 2'000'000, 501));
    EXPECT_FALSE(one_share.accept);
    EXPECT_EQ(one_share.reason.view(), "notional 100200 > max 100000");
    // 500 × 200.01 = 100005 USD.
    const RiskDecision one_tick = rule.check(new_limit(kAmzn, Side::Sell, 2'000'100, 500));
    EXPECT_FALSE(one_tick.accept);
    EXPECT_EQ(one_tick.reason.view(), "notional 100005 > max 100000");
}

TEST_F(MaxOrderNotionalTest, FineGrainedInstrumentIsExact) {
    // 30000 USD = 3e14 Money units (10^-10 USD). 1 BTC at 30000.00 = 1e8 × 3e6 = 3e14: at the limit.
    MaxOrderNotional rule = started({{"max_notional", 30000.0}, {"symbol", std::string("BTC")}});
    EXPECT_TRUE(rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 100'000'000)).accept);
    // One lot more: 1.00001 BTC × 30000 = 30000.3 USD.
    const RiskDecision over = rule.check(new_limit(kBtc, Side::Buy, 3'000'000, 100'001'000));
    EXPECT_FALSE(over.accept);
    EXPECT_EQ(over.reason.view(), "notional 30000.3 > max 30000");
    // AMZN is outside the rule's symbol.
    EXPECT_TRUE(rule.check(new_limit(kAmzn, Side::Buy, 2'000'000, 1'000'000)).accept);
}

TEST_F(MaxOrderNotionalTest, ProductBeyondInt64IsRejectedNotWrapped) {
    // 10'000'000 BTC (1e15 raw) at 10'000'000.00 (1e9 raw) = 1e24 Money units: wraps in int64.
    MaxOrderNotional rule = started({{"max_notional", 30000.0}, {"symbol", std::string("BTC")}});
    const RiskDecision huge = rule.check(new_limit(kBtc, Side::Buy, 1'000'000'000, 1'000'000'000'000'000));
    EXPECT_FALSE(huge.accept);
    EXPECT_EQ(huge.reason.view(), "notional of 10000000 at 10000000 > max 30000");
}

TEST_F(MaxOrderNotionalTest, MarketOrdersAreValuedAtTheOppositeBest) {
    MaxOrderNotional rule = started({{"max_notional", 100000.0}});
    TopOfBook book;
    book.bid = Price{1'999'900};  // 199.99
    book.ask = Price{2'000'000};  // 200.00
    book.bid_qty = Quantity{300};
    book.ask_qty = Quantity{300};
    ctx.set_book(kAmzn, book);
    // Buy 500 at the ask: 500 × 200.00 = 100000 → at the limit. 501 → over.
    EXPECT_TRUE(rule.check(new_market(kAmzn, Side::Buy, 500)).accept);
    EXPECT_EQ(rule.check(new_market(kAmzn, Side::Buy, 501)).reason.view(), "notional 100200 at ask 200 > max 100000");
    // Sell 500 at the bid: 500 × 199.99 = 99995 → passes; 501 × 199.99 = 100194.99 → over.
    EXPECT_TRUE(rule.check(new_market(kAmzn, Side::Sell, 500)).accept);
    EXPECT_EQ(rule.check(new_market(kAmzn, Side::Sell, 501)).reason.view(),
              "notional 100194.99 at bid 199.99 > max 100000");
}

TEST_F(MaxOrderNotionalTest, MarketOrderWithoutAnOppositeSideIsRejected) {
    MaxOrderNotional rule = started({{"max_notional", 100000.0}});
    TopOfBook book;
    book.bid = Price{1'999'900};
    book.bid_qty = Quantity{300};  // no ask at all
    book.last_trade = Price{2'000'000};
    ctx.set_book(kAmzn, book);
    const RiskDecision buy = rule.check(new_market(kAmzn, Side::Buy, 1));
    EXPECT_FALSE(buy.accept);
    EXPECT_EQ(buy.reason.view(), "market buy: no ask price to value it");
    EXPECT_TRUE(rule.check(new_market(kAmzn, Side::Sell, 1)).accept);
    ctx.set_book(kAmzn, TopOfBook{});  // empty book
    EXPECT_EQ(rule.check(new_market(kAmzn, Side::Sell, 1)).reason.view(), "market sell: no bid price to value it");
}

TEST_F(MaxOrderNotionalTest, ReplaceIsJudgedOnItsNewPriceAndTotalQuantity) {
    MaxOrderNotional rule = started({{"max_notional", 100000.0}});
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, 2'000'000, 500, 100)).accept);
    EXPECT_EQ(rule.check(replace_limit(kAmzn, Side::Buy, 2'000'100, 500, 500)).reason.view(),
              "notional 100005 > max 100000");
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // a per-order limit holds no breach state
}

TEST_F(MaxOrderNotionalTest, StartRefusesALimitFinerThanTheMoneyUnit) {
    // AMZN Money units are 10^-4 USD: 0.00001 USD cannot be expressed.
    MaxOrderNotional rule(fakes::params_with_defaults(risk::kMaxOrderNotionalParams, {{"max_notional", 0.00001}}));
    const Status s = rule.start(ctx);
    EXPECT_EQ(s.code, StatusCode::InvalidArgument);
    EXPECT_EQ(s.message,
              "max_order_notional: params.max_notional = 1e-05 has more than 4 decimals (AMZN notionals are counted in "
              "units of 10^-4 of the quote currency); or set params.symbol to apply the rule to one instrument only");
}

}  // namespace
