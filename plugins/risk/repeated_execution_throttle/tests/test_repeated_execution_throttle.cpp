// repeated_execution_throttle through FakeContext. Common setup: AMZN (id 0)
// and MSFT (id 1); 64 strategies; max_fills 3, window_ms 1000, so a strategy's
// third fill less than 1000 ms after its first disables it. t0 = 10 s host time.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fake_context.hpp"
#include "repeated_execution_throttle.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"
#include "trellis/state_codec.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::RepeatedExecutionThrottle;
using Disabled = std::vector<std::pair<std::uint32_t, std::string>>;
using Pulls = std::vector<std::pair<std::uint32_t, InstrumentId>>;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr InstrumentId kMsft = 1;
constexpr Timestamp kMs = 1'000'000;
constexpr Timestamp kT0 = 10'000 * kMs;
const std::string kDisabledReason = "strategy disabled after 3 fills within 1000 ms; an operator must re-enable it";

Params throttle_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kRepeatedExecutionThrottleParams,
                                       {{"max_fills", std::int64_t{3}}, {"window_ms", std::int64_t{1000}}}, extra);
}

class RepeatedExecutionThrottleTest : public ::testing::Test {
protected:
    FakeContext ctx{
        {fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1), fakes::make_instrument(kMsft, "MSFT", 4, 0, 100, 1)}};

    void SetUp() override { ctx.strategies = 64; }
    std::unique_ptr<RepeatedExecutionThrottle> started(Params p = throttle_params()) {
        return started_rule<RepeatedExecutionThrottle>(ctx, p);
    }
    // A fill of 10 shares for `strategy`, delivered at host time `at`.
    void fill(RepeatedExecutionThrottle& rule, Timestamp at, std::uint32_t strategy = 0,
              InstrumentId instrument = kAmzn) {
        ctx.clock = at;
        OrderUpdate u = fakes::fill_update(1, Side::Buy, 2200000, 10, 10, 100);
        u.instrument = instrument;
        u.strategy = strategy;
        rule.on_order_update(u);
    }
    RiskDecision order(RepeatedExecutionThrottle& rule, std::uint32_t strategy = 0, InstrumentId instrument = kAmzn) {
        return rule.check(new_limit(instrument, Side::Buy, 2200000, 10, strategy));
    }
};

TEST_F(RepeatedExecutionThrottleTest, RefusesNonPositiveCountsAndUnknownLevels) {
    try {
        RepeatedExecutionThrottle rule(throttle_params({{"max_fills", std::int64_t{0}}}));
        FAIL() << "accepted max_fills 0";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "repeated_execution_throttle: params.max_fills = 0 must be at least 1 (fills)");
    }
    EXPECT_THROW(RepeatedExecutionThrottle(throttle_params({{"window_ms", std::int64_t{-5}}})), std::invalid_argument);
    EXPECT_THROW(RepeatedExecutionThrottle(throttle_params({{"breach_level", std::string("normal")}})),
                 std::invalid_argument);
}

TEST_F(RepeatedExecutionThrottleTest, TheMaxFillsThFillInsideTheWindowDisablesTheStrategy) {
    auto rule = started();
    fill(*rule, kT0);
    fill(*rule, kT0 + 400 * kMs);
    EXPECT_TRUE(order(*rule).accept);  // two fills: below the trip point
    EXPECT_TRUE(ctx.disabled.empty());

    fill(*rule, kT0 + 1000 * kMs - 1);  // third fill, 1 ns inside the window
    EXPECT_EQ(ctx.disabled, (Disabled{{0, "repeated executions: 3 fills within 1000 ms"}}));
    EXPECT_EQ(ctx.cancel_requests, (Pulls{{0, kNoInstrument}}));  // its resting orders stop executing
    EXPECT_EQ(ctx.counter_value("strategies_disabled"), 1);
    EXPECT_TRUE(rule->disabled(0));
    EXPECT_EQ(rule->level(), RiskLevel::High);  // the default breach_level
    EXPECT_EQ(reason(order(*rule)), kDisabledReason);
    EXPECT_EQ(reason(rule->check(replace_limit(kAmzn, Side::Buy, 2200000, 10, 10))), kDisabledReason);
}

TEST_F(RepeatedExecutionThrottleTest, TheWindowSlides) {
    auto rule = started();
    fill(*rule, kT0);
    fill(*rule, kT0 + 500 * kMs);
    fill(*rule, kT0 + 1000 * kMs);  // exactly a window after the first: the first no longer counts
    EXPECT_TRUE(ctx.disabled.empty());
    fill(*rule, kT0 + 1400 * kMs);  // 500, 1000, 1400 lie within (400, 1400]
    EXPECT_EQ(ctx.disabled.size(), 1u);
}

TEST_F(RepeatedExecutionThrottleTest, FillsAreCountedPerStrategy) {
    auto rule = started();
    fill(*rule, kT0, 0);
    fill(*rule, kT0 + 1 * kMs, 1);
    fill(*rule, kT0 + 2 * kMs, 0);
    fill(*rule, kT0 + 3 * kMs, 1);
    EXPECT_TRUE(ctx.disabled.empty());  // two each
    fill(*rule, kT0 + 4 * kMs, 1);
    EXPECT_EQ(ctx.disabled.size(), 1u);
    EXPECT_EQ(ctx.disabled[0].first, 1u);
    EXPECT_TRUE(order(*rule, 0).accept);  // strategy 0 trades on
    EXPECT_FALSE(order(*rule, 1).accept);
}

TEST_F(RepeatedExecutionThrottleTest, UpdatesWithoutAFillDoNotCount) {
    auto rule = started();
    for (OrderStatus s :
         {OrderStatus::Accepted, OrderStatus::Cancelled, OrderStatus::Replaced, OrderStatus::Rejected}) {
        OrderUpdate u = fakes::order_update(1, Side::Buy, s, 100);
        for (int i = 0; i < 3; ++i) rule->on_order_update(u);
    }
    EXPECT_TRUE(ctx.disabled.empty());
}

TEST_F(RepeatedExecutionThrottleTest, FillsAfterTheTripDoNotDisableAgain) {
    auto rule = started();
    for (int i = 0; i < 6; ++i) fill(*rule, kT0 + i * kMs);
    EXPECT_EQ(ctx.disabled.size(), 1u);
    EXPECT_EQ(ctx.cancel_requests.size(), 1u);
}

TEST_F(RepeatedExecutionThrottleTest, ResetClearsTheFlagAndThePastFills) {
    auto rule = started();
    for (int i = 0; i < 3; ++i) fill(*rule, kT0 + i * kMs);
    ASSERT_TRUE(rule->disabled(0));
    rule->reset(0);  // the operator re-enabled the strategy
    EXPECT_FALSE(rule->disabled(0));
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_TRUE(order(*rule).accept);
    fill(*rule, kT0 + 5 * kMs);
    fill(*rule, kT0 + 6 * kMs);
    EXPECT_EQ(ctx.disabled.size(), 1u);  // the fills before the reset are forgotten
    fill(*rule, kT0 + 7 * kMs);
    EXPECT_EQ(ctx.disabled.size(), 2u);
    rule->reset(1);  // never disabled: no-op
    rule->reset(500);
    EXPECT_EQ(rule->level(), RiskLevel::High);
}

TEST_F(RepeatedExecutionThrottleTest, SymbolLimitsWhichFillsCountButADisabledStrategyIsRefusedEverywhere) {
    auto rule = started(throttle_params({{"symbol", std::string("MSFT")}}));
    for (int i = 0; i < 5; ++i) fill(*rule, kT0 + i * kMs, 0, kAmzn);
    EXPECT_TRUE(ctx.disabled.empty());
    for (int i = 0; i < 3; ++i) fill(*rule, kT0 + 10 * kMs + i * kMs, 0, kMsft);
    EXPECT_EQ(ctx.disabled.size(), 1u);
    EXPECT_FALSE(order(*rule, 0, kAmzn).accept);
    EXPECT_FALSE(order(*rule, 0, kMsft).accept);
}

TEST_F(RepeatedExecutionThrottleTest, OneFillTripsWhenMaxFillsIsOne) {
    auto rule = started(throttle_params({{"max_fills", std::int64_t{1}}}));
    fill(*rule, kT0, 4);
    EXPECT_EQ(ctx.disabled, (Disabled{{4, "repeated executions: 1 fill within 1000 ms"}}));
    EXPECT_EQ(reason(order(*rule, 4)), "strategy disabled after 1 fill within 1000 ms; an operator must re-enable it");
}

TEST_F(RepeatedExecutionThrottleTest, ReEnablingTheStrategyResetsIt) {
    auto rule = started();
    for (int i = 0; i < 3; ++i) fill(*rule, kT0 + i * kMs, 2);
    ASSERT_TRUE(rule->disabled(2));
    rule->on_strategy_enabled(2);  // the host's operator command
    EXPECT_FALSE(rule->disabled(2));
    EXPECT_EQ(rule->level(), RiskLevel::Normal);
    EXPECT_TRUE(order(*rule, 2).accept);
    fill(*rule, kT0 + 5 * kMs, 2);
    fill(*rule, kT0 + 6 * kMs, 2);
    EXPECT_EQ(ctx.disabled.size(), 1u);  // its fills before re-enabling are forgotten
}

TEST_F(RepeatedExecutionThrottleTest, WindowsAreSizedFromTheHostsStrategies) {
    ctx.strategies = 100;  // beyond any fixed preallocation
    auto rule = started();
    for (int i = 0; i < 3; ++i) fill(*rule, kT0 + i * kMs, 99);
    EXPECT_TRUE(rule->disabled(99));
}

TEST_F(RepeatedExecutionThrottleTest, StrategiesBeyondTheHostsFailClosed) {
    auto rule = started();
    EXPECT_EQ(reason(order(*rule, 64)), "strategy 64 beyond the host's 64 strategies");
    EXPECT_TRUE(order(*rule, 63).accept);
    fill(*rule, kT0, 64);  // not counted, and no crash
    EXPECT_TRUE(ctx.disabled.empty());
}

TEST_F(RepeatedExecutionThrottleTest, RestoreKeepsAStrategyDisabledUntilReset) {
    auto old_rule = started(throttle_params({{"breach_level", std::string("severe")}}));
    for (int i = 0; i < 3; ++i) fill(*old_rule, kT0 + i * kMs, 9);
    const auto bytes = old_rule->snapshot();

    RepeatedExecutionThrottle successor(throttle_params({{"breach_level", std::string("severe")}}));
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    ASSERT_TRUE(successor.start(ctx).is_ok());
    EXPECT_TRUE(successor.disabled(9));
    EXPECT_EQ(successor.level(), RiskLevel::Severe);
    EXPECT_EQ(reason(order(successor, 9)), kDisabledReason);
    successor.reset(9);
    EXPECT_TRUE(order(successor, 9).accept);
    EXPECT_EQ(successor.level(), RiskLevel::Normal);
}

TEST_F(RepeatedExecutionThrottleTest, RestoreKeepsEachFillAtItsTime) {
    // Strategy 5 has fills at t0 and t0 + 100 ms; the snapshot is taken at
    // t0 + 200 ms. The successor holds both at their own times: the first
    // leaves the window at t0 + 1000 ms, the second at t0 + 1100 ms.
    auto old_rule = started();
    fill(*old_rule, kT0, 5);
    fill(*old_rule, kT0 + 100 * kMs, 5);
    ctx.clock = kT0 + 200 * kMs;
    const auto bytes = old_rule->snapshot();

    RepeatedExecutionThrottle inside(throttle_params());
    ASSERT_TRUE(inside.restore(bytes).is_ok());
    ASSERT_TRUE(inside.start(ctx).is_ok());
    fill(inside, kT0 + 1000 * kMs - 1, 5);  // t0, t0 + 100 ms and this one: 3 within the window
    EXPECT_TRUE(inside.disabled(5));

    RepeatedExecutionThrottle after(throttle_params());
    ASSERT_TRUE(after.restore(bytes).is_ok());
    ASSERT_TRUE(after.start(ctx).is_ok());
    fill(after, kT0 + 1000 * kMs, 5);  // t0 has left: 2
    EXPECT_FALSE(after.disabled(5));
    fill(after, kT0 + 1100 * kMs - 1, 5);  // t0 + 100 ms still in: 3
    EXPECT_TRUE(after.disabled(5));

    RepeatedExecutionThrottle started_first(throttle_params());  // restored after start() works the same
    ASSERT_TRUE(started_first.start(ctx).is_ok());
    ASSERT_TRUE(started_first.restore(bytes).is_ok());
    fill(started_first, kT0 + 1000 * kMs - 1, 5);
    EXPECT_TRUE(started_first.disabled(5));
}

TEST_F(RepeatedExecutionThrottleTest, RestoreRefusesCorruptSnapshots) {
    StateWriter twice({'T', 'R', 'R', 'E'}, 1);
    twice.put(std::uint8_t{1});   // fill windows per strategy:
    twice.put(std::uint32_t{0});  // none
    twice.put(std::uint32_t{2});  // two disabled strategies...
    twice.put(std::uint32_t{2});
    twice.put(std::uint32_t{2});  // ...both index 2
    RepeatedExecutionThrottle other(throttle_params());
    EXPECT_EQ(other.restore(std::move(twice).take()).message,
              "repeated_execution_throttle: snapshot is truncated or corrupt; start without restoring");
    EXPECT_FALSE(other.disabled(2));

    auto rule = started();
    auto bytes = rule->snapshot();
    bytes.pop_back();
    EXPECT_FALSE(other.restore(bytes).is_ok());
    bytes[0] = std::byte{'X'};
    EXPECT_EQ(other.restore(bytes).message,
              "repeated_execution_throttle: snapshot was not written by repeated_execution_throttle");
}

}  // namespace
