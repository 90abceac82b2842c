// duplicate_order_guard through FakeContext. Common setup: AMZN (id 0, prices
// with 4 decimals: 2200000 = 220.00, whole shares) and MSFT (id 1);
// window_ms 1000, capacity 4. t0 = 10 s host time.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "duplicate_order_guard.hpp"
#include "fake_context.hpp"
#include "risk_rule_testing/intents.hpp"
#include "risk_rule_testing/started_rule.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::DuplicateOrderGuard;

namespace {

constexpr InstrumentId kAmzn = 0;
constexpr InstrumentId kMsft = 1;
constexpr Timestamp kMs = 1'000'000;
constexpr Timestamp kT0 = 10'000 * kMs;
constexpr std::int64_t kPrice = 2200000;

Params guard_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(risk::kDuplicateOrderGuardParams,
                                       {{"window_ms", std::int64_t{1000}}, {"capacity", std::int64_t{4}}}, extra);
}

class DuplicateOrderGuardTest : public ::testing::Test {
protected:
    FakeContext ctx{
        {fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1), fakes::make_instrument(kMsft, "MSFT", 4, 0, 100, 1)}};

    std::unique_ptr<DuplicateOrderGuard> started(Params p = guard_params()) {
        return started_rule<DuplicateOrderGuard>(ctx, p);
    }
    // Strategy 0 buys 100 AMZN @ 220 at `at` as order `id`.
    RiskDecision buy_at(DuplicateOrderGuard& rule, Timestamp at, OrderId id) {
        ctx.clock = at;
        return rule.check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, id));
    }
};

TEST_F(DuplicateOrderGuardTest, RefusesNonPositiveWindowOrCapacity) {
    EXPECT_THROW(DuplicateOrderGuard(guard_params({{"window_ms", std::int64_t{0}}})), std::invalid_argument);
    try {
        DuplicateOrderGuard rule(guard_params({{"capacity", std::int64_t{-1}}}));
        FAIL() << "accepted capacity -1";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "duplicate_order_guard: params.capacity = -1 must be at least 1 (orders)");
    }
}

TEST_F(DuplicateOrderGuardTest, IdenticalOrderInsideTheWindowIsRefused) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    // 999.999 ms later: still inside the window.
    EXPECT_EQ(reason(buy_at(*rule, kT0 + 999'999'000, 2)),
              "same buy 100 @ 220 as order 1 999.999 ms ago (window 1000 ms)");
}

TEST_F(DuplicateOrderGuardTest, IdenticalOrderExactlyAWindowLaterPasses) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    EXPECT_TRUE(buy_at(*rule, kT0 + 1000 * kMs, 2).accept);
    // ...and the window now runs from order 2.
    EXPECT_EQ(reason(buy_at(*rule, kT0 + 1500 * kMs, 3)), "same buy 100 @ 220 as order 2 500 ms ago (window 1000 ms)");
}

TEST_F(DuplicateOrderGuardTest, ARefusedDuplicateDoesNotExtendTheWindow) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    EXPECT_FALSE(buy_at(*rule, kT0 + 500 * kMs, 2).accept);
    EXPECT_TRUE(buy_at(*rule, kT0 + 1000 * kMs, 3).accept);  // measured from order 1, the one that exists
}

TEST_F(DuplicateOrderGuardTest, AnyDifferenceMakesADifferentOrder) {
    auto rule = started(guard_params({{"capacity", std::int64_t{16}}}));
    ctx.clock = kT0;
    ASSERT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, 1)).accept);
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 1, 2)).accept);        // strategy
    EXPECT_TRUE(rule->check(new_limit(kMsft, Side::Buy, kPrice, 100, 0, 3)).accept);        // instrument
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Sell, kPrice, 100, 0, 4)).accept);       // side
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice + 100, 100, 0, 5)).accept);  // price
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 101, 0, 6)).accept);        // quantity
    EXPECT_TRUE(rule->check(new_market(kAmzn, Side::Buy, 100, 0, 7)).accept);               // type
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, 8)).accept);       // all the same
}

TEST_F(DuplicateOrderGuardTest, MarketOrdersMatchWithoutAPrice) {
    auto rule = started();
    ctx.clock = kT0;
    OrderIntent first = new_market(kAmzn, Side::Sell, 5, 0, 1);
    first.request.price = Price{123};  // ignored for market orders
    ASSERT_TRUE(rule->check(first).accept);
    ctx.clock = kT0 + 250'000;  // 0.25 ms
    EXPECT_EQ(reason(rule->check(new_market(kAmzn, Side::Sell, 5, 0, 2))),
              "same market sell 5 as order 1 0.25 ms ago (window 1000 ms)");
}

TEST_F(DuplicateOrderGuardTest, ReplacesAreNeverDuplicates) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    EXPECT_TRUE(rule->check(replace_limit(kAmzn, Side::Buy, kPrice, 100, 100)).accept);
    EXPECT_TRUE(rule->check(replace_limit(kAmzn, Side::Buy, kPrice, 100, 100)).accept);
}

TEST_F(DuplicateOrderGuardTest, ARejectedOrderMayBeRetriedAtOnce) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    // A later rule or the venue refused order 1: it never existed.
    OrderUpdate rejected = fakes::order_update(1, Side::Buy, OrderStatus::Rejected, 100);
    rejected.reason = RejectReason::PostOnlyWouldTake;
    rule->on_order_update(rejected);
    EXPECT_TRUE(buy_at(*rule, kT0 + 1 * kMs, 2).accept);
}

TEST_F(DuplicateOrderGuardTest, FilledOrCancelledOrdersStillCount) {
    auto rule = started();
    EXPECT_TRUE(buy_at(*rule, kT0, 1).accept);
    rule->on_order_update(fakes::fill_update(1, Side::Buy, kPrice, 100, 100, 100));
    rule->on_order_update(fakes::order_update(1, Side::Buy, OrderStatus::Cancelled, 100));
    EXPECT_FALSE(buy_at(*rule, kT0 + 1 * kMs, 2).accept);
}

TEST_F(DuplicateOrderGuardTest, AFullRingForgetsTheOldestAndCountsIt) {
    auto rule = started();  // capacity 4
    ctx.clock = kT0;
    for (std::int64_t i = 0; i < 5; ++i)
        ASSERT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice + i * 100, 100, 0, OrderId(i + 1))).accept);
    EXPECT_EQ(ctx.counter_value("forgotten_in_window"), 1);
    // The first order was forgotten, so its duplicate slips through (documented).
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, 6)).accept);
    EXPECT_FALSE(rule->check(new_limit(kAmzn, Side::Buy, kPrice + 400, 100, 0, 7)).accept);
}

TEST_F(DuplicateOrderGuardTest, SymbolLimitsTheRuleToOneInstrument) {
    auto rule = started(guard_params({{"symbol", std::string("MSFT")}}));
    ctx.clock = kT0;
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, 1)).accept);
    EXPECT_TRUE(rule->check(new_limit(kAmzn, Side::Buy, kPrice, 100, 0, 2)).accept);
    EXPECT_TRUE(rule->check(new_limit(kMsft, Side::Buy, kPrice, 100, 0, 3)).accept);
    EXPECT_FALSE(rule->check(new_limit(kMsft, Side::Buy, kPrice, 100, 0, 4)).accept);
}

TEST_F(DuplicateOrderGuardTest, RestoreCarriesTheRememberedOrders) {
    auto old_rule = started();
    EXPECT_TRUE(buy_at(*old_rule, kT0, 1).accept);
    const auto bytes = old_rule->snapshot();

    DuplicateOrderGuard successor(guard_params());
    ASSERT_TRUE(successor.restore(bytes).is_ok());
    ASSERT_TRUE(successor.start(ctx).is_ok());
    EXPECT_EQ(reason(buy_at(successor, kT0 + 10 * kMs, 2)), "same buy 100 @ 220 as order 1 10 ms ago (window 1000 ms)");

    auto corrupt = bytes;
    corrupt[8 + 4 + 4 + 2] = std::byte{9};  // the side byte of the first entry
    DuplicateOrderGuard other(guard_params());
    EXPECT_FALSE(other.restore(corrupt).is_ok());
    EXPECT_EQ(other.recent().size(), 0u);
}

}  // namespace
