// Reduce-only gating at its edges (the rules that use it test the common cases).
#include <gtest/gtest.h>

#include "fake_context.hpp"
#include "risk_rule_support/reduce_only.hpp"
#include "risk_rule_testing/intents.hpp"

using namespace trellis;
using namespace trellis::risk::testing;
using trellis::fakes::FakeContext;
using trellis::risk::reduce_only_view;

namespace {

TEST(ReduceOnly, FlatPositionHasNothingToReduce) {
    FakeContext ctx{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};
    const auto v = reduce_only_view(ctx, new_limit(0, Side::Sell, 100, 1));
    EXPECT_FALSE(v.reduces);
    EXPECT_EQ(v.position.raw, 0);
}

TEST(ReduceOnly, RestingExcessOnTheIntentsSideCountsNothingNegative) {
    // Replace with previous_open larger than what the host reports resting (the
    // books disagree for an instant): resting counts as 0, not as extra room.
    FakeContext ctx{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};
    ctx.set_position(0, PositionView{Quantity{100}});
    ctx.open_qty[{0, Side::Sell}] = Quantity{20};
    EXPECT_FALSE(reduce_only_view(ctx, replace_limit(0, Side::Sell, 100, 101, 50, 0, 3)).reduces);
    EXPECT_TRUE(reduce_only_view(ctx, replace_limit(0, Side::Sell, 100, 100, 50, 0, 3)).reduces);
}

TEST(ReduceOnly, ReasonCarriesTheBreachAndTheNumbersInInstrumentUnits) {
    FakeContext ctx{{fakes::make_instrument(0, "BTC", 2, 8, 1, 1000)}};
    ctx.set_position(0, PositionView{Quantity{150'000'000}});  // long 1.5 BTC
    ctx.open_qty[{0, Side::Sell}] = Quantity{50'000'000};      // 0.5 resting
    risk::ReasonText why;
    why << "breach";
    EXPECT_TRUE(risk::reduce_only(ctx, new_limit(0, Side::Sell, 100, 100'000'000), why).accept);  // 0.5 + 1 = 1.5
    EXPECT_EQ(reason(risk::reduce_only(ctx, new_limit(0, Side::Sell, 100, 100'001'000), why)),
              "breach; reduce-only: sell 1.00001 + 0.5 resting > position 1.5");
    EXPECT_EQ(reason(risk::reduce_only(ctx, new_limit(0, Side::Buy, 100, 1000), why)),
              "breach; reduce-only: buy 0.00001 would not reduce position 1.5");
}

}  // namespace
