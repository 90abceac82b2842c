// self_trade_prevention through FakeContext. Common setup: AMZN (id 0,
// prices with 4 decimals: 2200000 = 220.00) and BTCUSDT (id 1, 2 price
// decimals, 8 quantity decimals). The host's own best sell in AMZN is 220.05,
// its own best buy 219.95.
#include <gtest/gtest.h>

#include <memory>

#include "fake_context.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "self_trade_prevention.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::SelfTradePrevention;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr InstrumentId kBtc = 1;
constexpr std::int64_t kOwnAsk = 2200500;  // 220.05
constexpr std::int64_t kOwnBid = 2199500;  // 219.95

Params stp_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kSelfTradePreventionParams, {}, extra);
}

class SelfTradePreventionTest : public ::testing::Test {
protected:
    FakeContext ctx{{fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1),
                     fakes::make_instrument(kBtc, "BTCUSDT", 2, 8, 1, 100000)}};

    void SetUp() override {
        ctx.own_best[{kAmzn, Side::Sell}] = Price{kOwnAsk};
        ctx.own_best[{kAmzn, Side::Buy}] = Price{kOwnBid};
    }
    std::unique_ptr<SelfTradePrevention> started(Params p = stp_params()) {
        return started_rule<SelfTradePrevention>(ctx, p);
    }
};

TEST_F(SelfTradePreventionTest, BuyBelowOwnSellPasses) {
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk - 100, 100)).accept);  // 220.04
}

TEST_F(SelfTradePreventionTest, BuyAtOwnSellCrosses) {
    auto rule = started();
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk, 100))),
              "buy 220.05 would cross own sell at 220.05");
}

TEST_F(SelfTradePreventionTest, BuyAboveOwnSellCrosses) {
    auto rule = started();
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk + 100, 100))),
              "buy 220.06 would cross own sell at 220.05");
}

TEST_F(SelfTradePreventionTest, SellAtOrBelowOwnBuyCrossesAboveDoesNot) {
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Sell, kOwnBid + 100, 100)).accept);  // 219.96
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Sell, kOwnBid, 100))),
              "sell 219.95 would cross own buy at 219.95");
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Sell, kOwnBid - 100, 100)).accept);
}

TEST_F(SelfTradePreventionTest, MarketOrdersCrossAnyOwnOrderOpposite) {
    auto rule = started();
    EXPECT_EQ(reason(rule->check(new_market(kAmzn, Side::Buy, 10))), "market buy would cross own sell at 220.05");
    ctx.own_best.erase({kAmzn, Side::Buy});
    EXPECT_TRUE(rule->check(new_market(kAmzn, Side::Sell, 10)).accept);  // nothing of ours to hit
}

TEST_F(SelfTradePreventionTest, OwnOrdersOfAnyStrategyAndInFlightCount) {
    // best_own_price covers every strategy's live orders, acknowledged or not;
    // the rule asks for nothing narrower, so strategy 7 is refused by strategy 0's order.
    auto rule = started();
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk, 1, 7)).accept);
}

TEST_F(SelfTradePreventionTest, ReplaceIntoOwnOppositeOrderCrosses) {
    auto rule = started();
    EXPECT_TRUE(rule->check(replace_limit(kAmzn, Side::Buy, kOwnAsk - 100, 100, 100, 0, 3)).accept);
    EXPECT_EQ(reason(rule->check(replace_limit(kAmzn, Side::Buy, kOwnAsk, 100, 100, 0, 3))),
              "buy 220.05 would cross own sell at 220.05");
}

TEST_F(SelfTradePreventionTest, NoOwnOrdersOppositeNothingToCross) {
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kBtc, Side::Buy, 9999999, 100000)).accept);
    ctx.own_best[{kBtc, Side::Sell}] = Price{6512345};  // 65123.45
    EXPECT_EQ(reason(rule->check(new_limit(kBtc, Side::Buy, 6512400, 100000))),
              "buy 65124 would cross own sell at 65123.45");
}

TEST_F(SelfTradePreventionTest, SymbolLimitsTheRuleToOneInstrument) {
    ctx.own_best[{kBtc, Side::Sell}] = Price{6512345};
    auto rule = started(stp_params({{"symbol", std::string("BTCUSDT")}}));
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk, 100)).accept);  // AMZN is not guarded
    EXPECT_FALSE(rule->check(new_limit(kBtc, Side::Buy, 6512345, 100000)).accept);
    SelfTradePrevention typo(stp_params({{"symbol", std::string("BTC")}}));
    EXPECT_EQ(typo.start(ctx).code, StatusCode::NotFound);
}

TEST_F(SelfTradePreventionTest, StatelessLevelAndSnapshot) {
    auto rule = started();
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kOwnAsk, 100)).accept);
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_TRUE(rule->snapshot().empty());
}

}  // namespace
