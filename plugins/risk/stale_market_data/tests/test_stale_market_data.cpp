// stale_market_data through FakeContext. Common setup: AMZN (id 0) and MSFT
// (id 1), prices with 4 decimals, whole shares; 8 strategies; max_age_ms 1000.
// Times are host ns; t0 = 10 s.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fake_context.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "stale_market_data.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::StaleMarketData;
using Pulls = std::vector<std::pair<std::uint32_t, InstrumentId>>;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr InstrumentId kMsft = 1;
constexpr Timestamp kMs = 1'000'000;
constexpr Timestamp kT0 = 10'000 * kMs;
constexpr std::uint64_t kToken = StaleMarketData::kTimerToken;

Params stale_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kStaleMarketDataParams, {{"max_age_ms", std::int64_t{1000}}}, extra);
}

class StaleMarketDataTest : public ::testing::Test {
protected:
    FakeContext ctx{
        {fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1), fakes::make_instrument(kMsft, "MSFT", 4, 0, 100, 1)}};

    void SetUp() override { ctx.strategies = 8; }
    std::unique_ptr<StaleMarketData> started(Params p = stale_params()) {
        return started_rule<StaleMarketData>(ctx, p);
    }
    // A quote for `instrument` seen by the rule at host time `at`.
    void data(StaleMarketData& rule, Timestamp at, InstrumentId instrument = kAmzn) {
        ctx.clock = at;
        rule.on_market_data(fakes::quote_event(at, 2200000, 2200100, 100, 100, instrument));
    }
    RiskDecision order(StaleMarketData& rule, Timestamp at, std::uint32_t strategy = 0,
                       InstrumentId instrument = kAmzn) {
        ctx.clock = at;
        return rule.check(new_limit(instrument, Side::Buy, 2200000, 100, strategy));
    }
    void fire(StaleMarketData& rule, Timestamp at) {
        ctx.clock = at;
        rule.on_timer(TimerEvent{at, kToken});
    }
    // The timers the rule asked for, as (due, token).
    std::vector<Timestamp> timer_times() const {
        std::vector<Timestamp> times;
        for (const auto& t : ctx.timers) {
            EXPECT_EQ(t.token, kToken);
            times.push_back(t.at);
        }
        return times;
    }
};

TEST_F(StaleMarketDataTest, RefusesANonPositiveMaxAge) {
    try {
        StaleMarketData rule(stale_params({{"max_age_ms", std::int64_t{0}}}));
        FAIL() << "accepted max_age_ms 0";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "stale_market_data: params.max_age_ms = 0 must be at least 1 (milliseconds)");
    }
    EXPECT_THROW(StaleMarketData(stale_params({{"breach_level", std::string("hgh")}})), std::invalid_argument);
}

TEST_F(StaleMarketDataTest, NoDataYetRejectsButIsNotABreach) {
    auto rule = started();
    EXPECT_EQ(reason(order(*rule, kT0)), "no market data for AMZN yet");
    EXPECT_EQ(rule->level(), RiskLevel::Normal);  // a feed that never started is not one that stopped
    EXPECT_TRUE(ctx.timers.empty());              // nothing to watch yet
}

TEST_F(StaleMarketDataTest, DataExactlyMaxAgeOldIsStale) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0 + 1000 * kMs - 1).accept);  // 1 ns younger than max_age
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_EQ(reason(order(*rule, kT0 + 1000 * kMs)), "no market data for AMZN for 1000 ms (max_age 1000 ms)");
    EXPECT_EQ(rule->level(), RiskLevel::Elevated);  // the default breach_level
    EXPECT_EQ(reason(order(*rule, kT0 + 2500 * kMs)), "no market data for AMZN for 2500 ms (max_age 1000 ms)");
}

TEST_F(StaleMarketDataTest, TimerDueWhenDataTurnsStalePullsEveryStrategysQuotes) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_EQ(timer_times(), std::vector<Timestamp>{kT0 + 1000 * kMs});
    EXPECT_TRUE(order(*rule, kT0 + 1 * kMs, 2).accept);  // strategy 2 quotes AMZN
    OrderUpdate ack = fakes::order_update(1, Side::Sell, OrderStatus::Accepted, 100);
    ack.strategy = 0;  // strategy 0 has a live order there too
    rule->on_order_update(ack);
    ASSERT_TRUE(ctx.cancel_requests.empty());

    fire(*rule, kT0 + 1000 * kMs);  // nobody trades: the timer pulls the quotes
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{0, kAmzn}, {2, kAmzn}}));
    EXPECT_EQ(ctx.counter_value("quote_pulls"), 2);
    EXPECT_EQ(rule->level(), RiskLevel::Elevated);
    EXPECT_EQ(rule->stale_instruments(), 1u);
    EXPECT_EQ(ctx.timers.size(), 1u);  // everything is stale: nothing left to time
}

TEST_F(StaleMarketDataTest, QuotesArePulledOncePerStaleSpell) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 1).accept);
    EXPECT_FALSE(order(*rule, kT0 + 1000 * kMs, 1).accept);  // the check finds it stale first
    EXPECT_FALSE(order(*rule, kT0 + 1001 * kMs, 1).accept);
    fire(*rule, kT0 + 1000 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{1, kAmzn}}));
}

TEST_F(StaleMarketDataTest, FreshDataEndsTheSpellAndTheNextSpellPullsAgain) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 3).accept);
    fire(*rule, kT0 + 1000 * kMs);
    ASSERT_EQ(ctx.cancel_requests.size(), 1u);

    data(*rule, kT0 + 4000 * kMs);
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_TRUE(order(*rule, kT0 + 4000 * kMs, 3).accept);
    EXPECT_EQ(timer_times(), (std::vector<Timestamp>{kT0 + 1000 * kMs, kT0 + 5000 * kMs}));
    fire(*rule, kT0 + 5000 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{3, kAmzn}, {3, kAmzn}}));
}

TEST_F(StaleMarketDataTest, ATimerThatFindsFreshDataReArmsForTheNewDeadline) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 0).accept);
    data(*rule, kT0 + 600 * kMs);  // a pending timer (due 1000) is early enough: no second one
    EXPECT_EQ(ctx.timers.size(), 1u);
    fire(*rule, kT0 + 1000 * kMs);
    EXPECT_TRUE(ctx.cancel_requests.empty());
    EXPECT_EQ(timer_times(), (std::vector<Timestamp>{kT0 + 1000 * kMs, kT0 + 1600 * kMs}));
    fire(*rule, kT0 + 1600 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{0, kAmzn}}));
}

TEST_F(StaleMarketDataTest, OneTimerServesSeveralInstrumentsEarliestFirst) {
    auto rule = started();
    data(*rule, kT0, kAmzn);
    data(*rule, kT0 + 300 * kMs, kMsft);
    EXPECT_TRUE(order(*rule, kT0 + 300 * kMs, 0, kAmzn).accept);
    EXPECT_TRUE(order(*rule, kT0 + 300 * kMs, 1, kMsft).accept);
    fire(*rule, kT0 + 1000 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{0, kAmzn}}));  // MSFT is 700 ms old
    EXPECT_EQ(timer_times(), (std::vector<Timestamp>{kT0 + 1000 * kMs, kT0 + 1300 * kMs}));
    EXPECT_TRUE(order(*rule, kT0 + 1299 * kMs, 1, kMsft).accept);
    fire(*rule, kT0 + 1300 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{0, kAmzn}, {1, kMsft}}));
    EXPECT_EQ(rule->stale_instruments(), 2u);
}

TEST_F(StaleMarketDataTest, ForeignTimerTokensAreIgnored) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 0).accept);
    ctx.clock = kT0 + 1000 * kMs;
    rule->on_timer(TimerEvent{kT0 + 1000 * kMs, kToken + 1});
    EXPECT_TRUE(ctx.cancel_requests.empty());
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
}

TEST_F(StaleMarketDataTest, ReplacesAreJudgedLikeNewOrders) {
    auto rule = started();
    data(*rule, kT0);
    ctx.clock = kT0 + 1000 * kMs;
    EXPECT_EQ(reason(rule->check(replace_limit(kAmzn, Side::Sell, 2200100, 100, 100, 0, 4))),
              "no market data for AMZN for 1000 ms (max_age 1000 ms)");
}

TEST_F(StaleMarketDataTest, SymbolLimitsTheRuleToOneInstrument) {
    auto rule = started(stale_params({{"symbol", std::string("MSFT")}}));
    EXPECT_TRUE(order(*rule, kT0, 0, kAmzn).accept);  // AMZN never had data, but is not guarded
    data(*rule, kT0, kAmzn);
    EXPECT_TRUE(ctx.timers.empty());  // nor watched
    EXPECT_EQ(reason(order(*rule, kT0, 0, kMsft)), "no market data for MSFT yet");

    StaleMarketData typo(stale_params({{"symbol", std::string("MSFX")}}));
    EXPECT_EQ(typo.start(ctx).code, StatusCode::NotFound);
}

TEST_F(StaleMarketDataTest, StrategiesBeyondTheHostsCountArePulledWhenTheyNextOrder) {
    auto rule = started();
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 70).accept);
    fire(*rule, kT0 + 1000 * kMs);
    EXPECT_TRUE(ctx.cancel_requests.empty());  // 70 is not one of the host's 8: not tracked
    EXPECT_FALSE(order(*rule, kT0 + 1200 * kMs, 70).accept);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{70, kAmzn}}));
}

TEST_F(StaleMarketDataTest, EveryStrategyOfTheHostIsTracked) {
    auto rule = started();  // the host has strategies 0..7
    data(*rule, kT0);
    EXPECT_TRUE(order(*rule, kT0, 7).accept);
    EXPECT_TRUE(order(*rule, kT0, 8).accept);
    fire(*rule, kT0 + 1000 * kMs);
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{7, kAmzn}}));  // 8 only when it next orders
}

TEST_F(StaleMarketDataTest, RestoreCarriesDataTimesStaleSpellsAndStrategies) {
    auto old_rule = started();
    data(*old_rule, kT0, kAmzn);
    data(*old_rule, kT0 + 500 * kMs, kMsft);
    EXPECT_TRUE(order(*old_rule, kT0 + 500 * kMs, 5, kMsft).accept);
    fire(*old_rule, kT0 + 1000 * kMs);  // AMZN goes stale
    const auto bytes = old_rule->snapshot();
    ctx.timers.clear();

    StaleMarketData successor(stale_params());
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    ctx.clock = kT0 + 1100 * kMs;
    ASSERT_TRUE(successor.start(ctx).is_ok());
    EXPECT_EQ(successor.level(), RiskLevel::Elevated);                   // AMZN is still stale
    EXPECT_EQ(timer_times(), std::vector<Timestamp>{kT0 + 1500 * kMs});  // MSFT's deadline
    EXPECT_TRUE(order(successor, kT0 + 1100 * kMs, 5, kMsft).accept);
    fire(successor, kT0 + 1500 * kMs);
    EXPECT_EQ(ctx.cancel_requests.back(), (std::pair<std::uint32_t, InstrumentId>{5, kMsft}));
}

TEST_F(StaleMarketDataTest, RestoreRefusesASnapshotOfAnotherInstrumentTable) {
    FakeContext one{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};
    StaleMarketData small(stale_params());
    ASSERT_TRUE(small.start(one).is_ok());
    const auto bytes = small.snapshot();

    StaleMarketData successor(stale_params());
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    const Status s = successor.start(ctx);
    EXPECT_EQ(s.message,
              "stale_market_data: the restored state covers 1 instruments but the host has 2; start this rule without "
              "restoring");
}

}  // namespace
