// price_collar at its boundary: a price exactly max_deviation from the
// reference passes, one tick further fails; a mid between two ticks is exact;
// no reference → fail closed.
//
// AMZN: price_decimals 4, tick 0.01 = 100 raw. Prices in the comments in USD.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "price_collar.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/rule_test.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::risk::PriceCollar;

namespace {

// USD with 4 decimals → raw.
constexpr std::int64_t usd(double dollars) { return std::int64_t(dollars * 10'000 + (dollars >= 0 ? 0.5 : -0.5)); }

class PriceCollarTest : public RuleTest<PriceCollar, risk::kPriceCollarParams> {
protected:
    void book(double bid, double ask, double last = 0) {
        TopOfBook b;
        b.bid = Price{usd(bid)};
        b.ask = Price{usd(ask)};
        b.bid_qty = Quantity{bid > 0 ? 100 : 0};
        b.ask_qty = Quantity{ask > 0 ? 100 : 0};
        b.last_trade = Price{usd(last)};
        ctx.set_book(kAmzn, b);
    }
    RiskDecision buy_at(PriceCollar& rule, double price) {
        return rule.check(new_limit(kAmzn, Side::Buy, usd(price), 100));
    }
    RiskDecision sell_at(PriceCollar& rule, double price) {
        return rule.check(new_limit(kAmzn, Side::Sell, usd(price), 100));
    }
};

TEST_F(PriceCollarTest, PercentBandIsInclusive) {
    PriceCollar rule = started({{"max_deviation_pct", 1.0}});
    book(99.99, 100.01);                       // mid 100.00, 1% band = 1.00
    EXPECT_TRUE(buy_at(rule, 101.00).accept);  // exactly 1.00 away
    EXPECT_TRUE(sell_at(rule, 99.00).accept);
    const RiskDecision above = buy_at(rule, 101.01);
    EXPECT_FALSE(above.accept);
    EXPECT_EQ(above.reason.view(), "price 101.01 is 1.01 from mid 100 > max 1%");
    EXPECT_EQ(sell_at(rule, 98.99).reason.view(), "price 98.99 is 1.01 from mid 100 > max 1%");
}

TEST_F(PriceCollarTest, TickBandAroundAHalfTickMid) {
    PriceCollar rule = started({{"max_deviation_ticks", std::int64_t{5}}});
    book(100.00, 100.01);                      // mid 100.005, 5 ticks = 0.05: band [99.955, 100.055]
    EXPECT_TRUE(buy_at(rule, 100.05).accept);  // 0.045 away
    EXPECT_TRUE(sell_at(rule, 99.96).accept);  // 0.045 away
    EXPECT_EQ(buy_at(rule, 100.06).reason.view(), "price 100.06 is 0.055 from mid 100.005 > max 5 ticks");
    EXPECT_EQ(sell_at(rule, 99.95).reason.view(), "price 99.95 is 0.055 from mid 100.005 > max 5 ticks");
}

TEST_F(PriceCollarTest, TickBandIsInclusive) {
    PriceCollar rule = started({{"max_deviation_ticks", std::int64_t{5}}});
    book(100.00, 100.02);                      // mid 100.01
    EXPECT_TRUE(buy_at(rule, 100.06).accept);  // exactly 5 ticks
    EXPECT_TRUE(buy_at(rule, 99.96).accept);
    EXPECT_FALSE(buy_at(rule, 100.07).accept);
    EXPECT_FALSE(buy_at(rule, 99.95).accept);
}

TEST_F(PriceCollarTest, BothBandsSetTheTighterApplies) {
    book(99.99, 100.01);  // mid 100.00; 1% = 1.00
    // 50 ticks = 0.50 is tighter than 1%.
    PriceCollar ticks_tighter = started({{"max_deviation_pct", 1.0}, {"max_deviation_ticks", std::int64_t{50}}});
    EXPECT_TRUE(buy_at(ticks_tighter, 100.50).accept);
    EXPECT_EQ(buy_at(ticks_tighter, 100.51).reason.view(), "price 100.51 is 0.51 from mid 100 > max 50 ticks");
    // Beyond both: the tighter band is named.
    EXPECT_EQ(buy_at(ticks_tighter, 101.01).reason.view(), "price 101.01 is 1.01 from mid 100 > max 50 ticks");
    // 200 ticks = 2.00 is looser than 1%.
    PriceCollar pct_tighter = started({{"max_deviation_pct", 1.0}, {"max_deviation_ticks", std::int64_t{200}}});
    EXPECT_TRUE(buy_at(pct_tighter, 101.00).accept);
    EXPECT_EQ(buy_at(pct_tighter, 101.01).reason.view(), "price 101.01 is 1.01 from mid 100 > max 1%");
    EXPECT_EQ(buy_at(pct_tighter, 102.01).reason.view(), "price 102.01 is 2.01 from mid 100 > max 1%");
}

TEST_F(PriceCollarTest, LastTradeReference) {
    PriceCollar rule = started({{"reference", std::string("last")}, {"max_deviation_pct", 0.5}});
    book(0, 0, 50.00);  // no quotes, last trade 50.00: 0.5% = 0.25
    EXPECT_TRUE(buy_at(rule, 50.25).accept);
    EXPECT_TRUE(sell_at(rule, 49.75).accept);
    EXPECT_EQ(buy_at(rule, 50.26).reason.view(), "price 50.26 is 0.26 from last 50 > max 0.5%");
}

TEST_F(PriceCollarTest, NoReferenceFailsClosed) {
    PriceCollar mid = started({{"max_deviation_pct", 1.0}});
    book(100.00, 0, 100.00);  // ask side empty: no mid, even with a last trade
    EXPECT_EQ(buy_at(mid, 100.00).reason.view(), "no mid to collar against: book not two-sided");
    PriceCollar last = started({{"reference", std::string("last")}, {"max_deviation_pct", 1.0}});
    book(99.99, 100.01);  // quotes but no trade yet
    EXPECT_EQ(buy_at(last, 100.00).reason.view(), "no last trade to collar against");
}

TEST_F(PriceCollarTest, MarketOrdersPassUnlessConfiguredOtherwise) {
    book(0, 0);  // not even a reference
    PriceCollar passes = started({{"max_deviation_pct", 1.0}});
    EXPECT_TRUE(passes.check(new_market(kAmzn, Side::Buy, 100)).accept);
    PriceCollar refuses = started({{"max_deviation_pct", 1.0}, {"reject_market_orders", true}});
    EXPECT_EQ(refuses.check(new_market(kAmzn, Side::Sell, 100)).reason.view(), "market order has no price to collar");
}

TEST_F(PriceCollarTest, ReplaceIsJudgedAtItsNewPrice) {
    PriceCollar rule = started({{"max_deviation_pct", 1.0}});
    book(99.99, 100.01);
    EXPECT_TRUE(rule.check(replace_limit(kAmzn, Side::Buy, usd(101.00), 100, 100)).accept);
    EXPECT_FALSE(rule.check(replace_limit(kAmzn, Side::Buy, usd(101.01), 100, 100)).accept);
    EXPECT_EQ(rule.level(), RiskLevel::Normal);  // per-order check, no breach state
}

TEST_F(PriceCollarTest, OtherInstrumentsPassWhenASymbolIsSet) {
    PriceCollar rule = started({{"max_deviation_pct", 1.0}, {"symbol", std::string("AMZN")}});
    // BTC has no book at all; the rule does not judge it.
    EXPECT_TRUE(rule.check(new_limit(kBtc, Side::Buy, 1, 100'000)).accept);
}

TEST_F(PriceCollarTest, ConstructorRefusesUnusableParams) {
    const auto make = [](fakes::ParamOverrides p) {
        return PriceCollar(fakes::params_with_defaults(risk::kPriceCollarParams, p));
    };
    const auto message = [&](fakes::ParamOverrides p) {
        try {
            make(p);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no exception");
    };
    EXPECT_EQ(message({}),
              "price_collar: no band is set; set params.max_deviation_pct (percent) and/or params.max_deviation_ticks");
    EXPECT_EQ(message({{"reference", std::string("mean")}, {"max_deviation_pct", 1.0}}),
              "price_collar: params.reference = 'mean' is not known; use mid or last");
    EXPECT_EQ(message({{"max_deviation_pct", 0.0000001}}),
              "price_collar: params.max_deviation_pct = 1e-07 has more than 6 decimals");
}

}  // namespace
