// drawdown_limit through FakeContext. Common setup: AMZN (id 0, prices with 4
// decimals, whole shares), session peak equity 10000, max_drawdown_pct 10, so
// the rule trips when equity falls to 9000 (10% of 10000 below the peak).
// Reduce-only gating is the shared helper tested with daily_loss_limit; here
// one case shows the rule uses it.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "drawdown_limit.hpp"
#include "fake_context.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::DrawdownLimit;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr std::int64_t kPrice = 2200000;  // 220.0000

Params drawdown_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kDrawdownLimitParams, {{"max_drawdown_pct", 10.0}}, extra);
}

class DrawdownLimitTest : public ::testing::Test {
protected:
    FakeContext ctx{{fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1)}};

    std::unique_ptr<DrawdownLimit> started(Params p = drawdown_params()) { return started_rule<DrawdownLimit>(ctx, p); }
    void set_equity(double now, double peak = 10000.0) {
        ctx.equity_now = now;
        ctx.equity_peak = peak;
    }
    RiskDecision buy(DrawdownLimit& rule, std::int64_t qty = 100) {
        return rule.check(new_limit(kAmzn, Side::Buy, kPrice, qty));
    }
};

TEST_F(DrawdownLimitTest, RefusesPercentagesOutsideZeroToHundred) {
    EXPECT_THROW(DrawdownLimit(drawdown_params({{"max_drawdown_pct", 0.0}})), std::invalid_argument);
    EXPECT_THROW(DrawdownLimit(drawdown_params({{"max_drawdown_pct", 100.5}})), std::invalid_argument);
    EXPECT_NO_THROW(DrawdownLimit(drawdown_params({{"max_drawdown_pct", 100.0}})));
    EXPECT_THROW(DrawdownLimit(drawdown_params({{"breach_level", std::string("normal")}})), std::invalid_argument);
}

TEST_F(DrawdownLimitTest, JustBelowTheLimitPasses) {
    set_equity(9000.01);  // 999.99 / 10000 = 9.9999%
    auto rule = started();
    EXPECT_TRUE(buy(*rule).accept);
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
}

TEST_F(DrawdownLimitTest, ExactlyAtTheLimitBreaches) {
    set_equity(9000.0);  // 1000 × 100 / 10000 = 10%: inclusive
    auto rule = started();
    EXPECT_EQ(reason(buy(*rule)),
              "drawdown 10% from peak 10000 >= max 10%; reduce-only: buy 100 would not reduce position 0");
    EXPECT_DOUBLE_EQ(rule->drawdown_pct_at_breach(), 10.0);
    EXPECT_DOUBLE_EQ(rule->peak_at_breach(), 10000.0);
    EXPECT_EQ(rule->level(), RiskLevel::Severe);
}

TEST_F(DrawdownLimitTest, OneCentOverTheLimitBreaches) {
    set_equity(8999.99);  // 1000.01 / 10000 = 10.0001%, shown rounded to 2 decimals
    auto rule = started();
    EXPECT_EQ(reason(buy(*rule, 1)),
              "drawdown 10% from peak 10000 >= max 10%; reduce-only: buy 1 would not reduce position 0");
    EXPECT_NEAR(rule->drawdown_pct_at_breach(), 10.0001, 1e-9);
}

TEST_F(DrawdownLimitTest, DoubleRoundingAtTheBoundaryStillBreaches) {
    // 12345.67 × 0.9 = 11111.103; in doubles the drawdown comes out 9.9999999999999929%.
    const double peak = 12345.67, equity = peak * 0.9;
    ASSERT_LT((peak - equity) * 100.0 / peak, 10.0);
    set_equity(equity, peak);
    auto rule = started();
    EXPECT_FALSE(buy(*rule).accept);
}

TEST_F(DrawdownLimitTest, WithoutResetTheBreachOutlivesANewPeak) {
    set_equity(9000.0);
    auto rule = started();
    set_equity(10500.0, 10500.0);  // a new high
    EXPECT_FALSE(buy(*rule).accept);
    EXPECT_EQ(rule->level(), RiskLevel::Severe);
}

TEST_F(DrawdownLimitTest, WithResetTheBreachClearsOnlyAboveTheOldPeak) {
    set_equity(9000.0);
    auto rule = started(drawdown_params({{"reset_on_new_peak", true}}));
    ASSERT_TRUE(rule->breached());

    set_equity(10000.0);  // back exactly at the old peak: not a new peak
    EXPECT_FALSE(buy(*rule).accept);

    set_equity(10000.01, 10000.01);  // one cent above: a new peak
    EXPECT_TRUE(buy(*rule).accept);
    EXPECT_FALSE(rule->breached());
    EXPECT_EQ(rule->level(), RiskLevel::Normal);

    // Measured from the new peak from now on: 11000 → 9900 is 10% again.
    set_equity(9900.0, 11000.0);
    EXPECT_EQ(reason(buy(*rule)),
              "drawdown 10% from peak 11000 >= max 10%; reduce-only: buy 100 would not reduce position 0");
}

TEST_F(DrawdownLimitTest, ResetHappensOnMarketDataToo) {
    set_equity(9000.0);
    auto rule = started(drawdown_params({{"reset_on_new_peak", true}}));
    set_equity(10001.0, 10001.0);
    rule->on_market_data(fakes::quote_event(5, 2200000, 2200100, 100, 100));
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
}

TEST_F(DrawdownLimitTest, AnAccountWithoutPositivePeakIsNotJudged) {
    set_equity(-100.0, 0.0);
    auto rule = started();
    EXPECT_TRUE(buy(*rule).accept);
    EXPECT_FALSE(rule->breached());
}

TEST_F(DrawdownLimitTest, ReduceOnlyWhileBreached) {
    set_equity(8000.0);
    ctx.set_position(kAmzn, PositionView{Quantity{300}});
    auto rule = started();
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 300)).accept);
    EXPECT_EQ(reason(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 301))),
              "drawdown 20% from peak 10000 >= max 10%; reduce-only: sell 301 > position 300");
}

TEST_F(DrawdownLimitTest, FillsRaiseTheLevelBeforeAnyOrder) {
    set_equity(10000.0);
    auto rule = started(drawdown_params({{"breach_level", std::string("high")}}));
    set_equity(8500.0);
    rule->on_order_update(fakes::fill_update(9, Side::Sell, 2200000, 10, 10, 10));
    EXPECT_EQ(rule->level(), RiskLevel::High);
    EXPECT_DOUBLE_EQ(rule->drawdown_pct_at_breach(), 15.0);
}

TEST_F(DrawdownLimitTest, RestoreKeepsTheBreachAndItsPeak) {
    set_equity(9000.0);
    auto old_rule = started(drawdown_params({{"reset_on_new_peak", true}}));
    const auto bytes = old_rule->snapshot();

    DrawdownLimit successor(drawdown_params({{"reset_on_new_peak", true}}));
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    set_equity(10000.0);  // recovered, but no new peak
    ASSERT_TRUE(successor.start(ctx).is_ok());
    EXPECT_TRUE(successor.breached());
    EXPECT_DOUBLE_EQ(successor.peak_at_breach(), 10000.0);
    EXPECT_FALSE(buy(successor).accept);
    set_equity(10000.5, 10000.5);  // the restored peak is what a new peak is measured against
    EXPECT_TRUE(buy(successor).accept);

    auto corrupt = bytes;
    corrupt[8] = std::byte{7};  // the active flag must be 0 or 1
    DrawdownLimit other(drawdown_params());
    EXPECT_EQ(other.restore(corrupt).message,
              "drawdown_limit: snapshot is truncated or corrupt; start without restoring");
}

}  // namespace
