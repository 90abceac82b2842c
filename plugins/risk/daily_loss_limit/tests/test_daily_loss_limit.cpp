// daily_loss_limit through FakeContext. Common setup: AMZN (id 0, prices with
// 4 decimals, whole shares), session peak equity 10000, max_loss 1000, so the
// rule trips when equity falls to 9000 or below.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "daily_loss_limit.hpp"
#include "fake_context.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::DailyLossLimit;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr std::int64_t kPrice = 2200000;  // 220.0000

Params loss_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kDailyLossLimitParams, {{"max_loss", 1000.0}}, extra);
}

class DailyLossLimitTest : public ::testing::Test {
protected:
    FakeContext ctx{{fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1)}};

    std::unique_ptr<DailyLossLimit> started(Params p = loss_params()) { return started_rule<DailyLossLimit>(ctx, p); }
    void set_equity(double now, double peak = 10000.0) {
        ctx.equity_now = now;
        ctx.equity_peak = peak;
    }
    void set_position(std::int64_t shares) { ctx.set_position(kAmzn, PositionView{Quantity{shares}}); }
};

TEST_F(DailyLossLimitTest, RefusesNonPositiveMaxLossAndUnknownBreachLevel) {
    EXPECT_THROW(DailyLossLimit(loss_params({{"max_loss", 0.0}})), std::invalid_argument);
    EXPECT_THROW(DailyLossLimit(loss_params({{"max_loss", -5.0}})), std::invalid_argument);
    try {
        DailyLossLimit rule(loss_params({{"breach_level", std::string("sever")}}));
        FAIL() << "accepted breach_level 'sever'";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "daily_loss_limit: params.breach_level = 'sever' is not a breach level; use one of elevated, high, "
                  "severe, halted");
    }
}

TEST_F(DailyLossLimitTest, LossOneCentBelowTheLimitPasses) {
    set_equity(9000.01);  // loss 999.99 < 1000
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100)).accept);
    EXPECT_FALSE(rule->breached());
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
}

TEST_F(DailyLossLimitTest, LossExactlyAtTheLimitBreaches) {
    set_equity(10000.0);
    auto rule = started();
    set_equity(9000.0);  // loss 1000 = max_loss: inclusive
    const RiskDecision d = rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100));
    EXPECT_EQ(reason(d), "session loss 1000 >= max_loss 1000; reduce-only: buy 100 would not reduce position 0");
    EXPECT_TRUE(rule->breached());
    EXPECT_DOUBLE_EQ(rule->loss_at_breach(), 1000.0);
    EXPECT_EQ(rule->level(), RiskLevel::Severe);  // the default breach_level
}

TEST_F(DailyLossLimitTest, LossOneCentOverTheLimitBreaches) {
    set_equity(8999.99);  // loss 1000.01
    auto rule = started();
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 1))),
              "session loss 1000.01 >= max_loss 1000; reduce-only: sell 1 would not reduce position 0");
}

TEST_F(DailyLossLimitTest, DoubleRoundingAtTheBoundaryStillBreaches) {
    // 10000.1 − 9749.95 is 250.14999999999964 in doubles, below the
    // double nearest 250.15: the limit must still trip at its stated boundary.
    ASSERT_LT(10000.1 - 9749.95, 250.15);
    set_equity(9749.95, 10000.1);
    auto rule = started(loss_params({{"max_loss", 250.15}}));
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 1)).accept);
    EXPECT_TRUE(rule->breached());
}

TEST_F(DailyLossLimitTest, StaysBreachedForTheSessionAfterEquityRecovers) {
    set_equity(9000.0);
    auto rule = started();
    EXPECT_TRUE(rule->breached());  // start() evaluates too
    set_equity(10000.0);            // back at the peak
    const RiskDecision d = rule->check(new_limit(kAmzn, Side::Buy, kPrice, 10));
    // The reason keeps the loss that tripped it, not today's.
    EXPECT_EQ(reason(d), "session loss 1000 >= max_loss 1000; reduce-only: buy 10 would not reduce position 0");
    EXPECT_EQ(rule->level(), RiskLevel::Severe);
}

TEST_F(DailyLossLimitTest, ReduceOnlyLetsALongBeClosedButNotFlipped) {
    set_equity(8500.0);
    set_position(150);
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 150)).accept);  // to flat: passes
    EXPECT_TRUE(rule->check(new_market(kAmzn, Side::Sell, 100)).accept);
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 151))),
              "session loss 1500 >= max_loss 1000; reduce-only: sell 151 > position 150");
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 1))),
              "session loss 1500 >= max_loss 1000; reduce-only: buy 1 would not reduce position 150");
}

TEST_F(DailyLossLimitTest, ReduceOnlyLetsAShortBeBoughtBack) {
    set_equity(8500.0);
    set_position(-200);
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 200)).accept);
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 201)).accept);
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 1)).accept);
}

TEST_F(DailyLossLimitTest, OrdersInFlightOnTheSameSideCountTowardReducing) {
    // Long 150 with sells of 80 already live or in flight: only 70 more may sell.
    set_equity(8500.0);
    set_position(150);
    ctx.open_qty[{kAmzn, Side::Sell}] = Quantity{80};
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 70)).accept);
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 71))),
              "session loss 1500 >= max_loss 1000; reduce-only: sell 71 + 80 resting > position 150");
}

TEST_F(DailyLossLimitTest, AReplaceDoesNotCountItsOwnOldQuantityTwice) {
    // Long 150; the only resting sell is order 7 with 100 open. Replacing it to
    // 150 leaves 100 − 100 + 150 = 150 ≤ 150; to 151 it would flip the position.
    set_equity(8500.0);
    set_position(150);
    ctx.open_qty[{kAmzn, Side::Sell}] = Quantity{100};
    auto rule = started();
    EXPECT_TRUE(rule->check(replace_limit(kAmzn, Side::Sell, kPrice, 150, 100, 0, 7)).accept);
    EXPECT_EQ(reason(rule->check(replace_limit(kAmzn, Side::Sell, kPrice, 151, 100, 0, 7))),
              "session loss 1500 >= max_loss 1000; reduce-only: sell 151 > position 150");
}

TEST_F(DailyLossLimitTest, MarketDataRaisesTheLevelBeforeAnyOrder) {
    set_equity(10000.0);
    auto rule = started();
    set_equity(9100.0);  // loss 900
    rule->on_market_data(fakes::quote_event(1, 2200000, 2200100, 100, 100));
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    set_equity(9000.0);  // loss 1000
    rule->on_market_data(fakes::quote_event(2, 2190000, 2190100, 100, 100));
    EXPECT_EQ(rule->level(), RiskLevel::Severe);
}

TEST_F(DailyLossLimitTest, AFillRaisesTheLevelBeforeAnyOrder) {
    set_equity(10000.0);
    auto rule = started();
    set_equity(8000.0);  // the fill's fee and mark took 2000
    rule->on_order_update(fakes::fill_update(3, Side::Buy, 2200000, 100, 100, 100));
    EXPECT_TRUE(rule->breached());
    EXPECT_DOUBLE_EQ(rule->loss_at_breach(), 2000.0);
    EXPECT_EQ(rule->level(), RiskLevel::Severe);
}

TEST_F(DailyLossLimitTest, BreachLevelParameterSetsTheReportedLevel) {
    set_equity(9000.0);
    auto rule = started(loss_params({{"breach_level", std::string("halted")}}));
    EXPECT_EQ(rule->level(), RiskLevel::Halted);
}

TEST_F(DailyLossLimitTest, RestoreKeepsTheBreach) {
    set_equity(8800.0);
    auto old_rule = started();
    ASSERT_TRUE(old_rule->breached());
    const auto bytes = old_rule->snapshot();

    set_equity(10000.0);  // the successor starts while equity is back at the peak
    DailyLossLimit successor(loss_params());
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    ASSERT_TRUE(successor.start(ctx).is_ok());
    EXPECT_EQ(reason(successor.check(new_limit(kAmzn, Side::Buy, kPrice, 5))),
              "session loss 1200 >= max_loss 1000; reduce-only: buy 5 would not reduce position 0");
    EXPECT_EQ(successor.level(), RiskLevel::Severe);
}

TEST_F(DailyLossLimitTest, RestoreRefusesForeignAndCorruptSnapshots) {
    set_equity(8800.0);
    auto rule = started();
    auto bytes = rule->snapshot();

    DailyLossLimit other(loss_params());
    auto truncated = bytes;
    truncated.pop_back();
    const Status short_status = other.restore(truncated);
    EXPECT_EQ(short_status.message, "daily_loss_limit: snapshot is truncated or corrupt; start without restoring");
    auto foreign = bytes;
    foreign[0] = std::byte{'X'};
    EXPECT_EQ(other.restore(foreign).message, "daily_loss_limit: snapshot was not written by daily_loss_limit");
    auto longer = bytes;
    longer.push_back(std::byte{0});
    EXPECT_FALSE(other.restore(longer).is_ok());
    EXPECT_FALSE(other.breached());  // a refused restore changes nothing
    EXPECT_TRUE(other.restore({}).code != StatusCode::Ok);
}

TEST_F(DailyLossLimitTest, UnstartedRuleFailsClosed) {
    DailyLossLimit rule(loss_params());
    EXPECT_EQ(reason(rule.check(new_limit(kAmzn, Side::Buy, kPrice, 1))), "rule not started");
}

}  // namespace
