// Maker/taker fees to the unit: notional × bps / 10,000, rounded toward +infinity.

#include <gtest/gtest.h>

#include "exchange_harness.hpp"
#include "fee_schedule.hpp"

namespace trellis::simex::testing {
namespace {

TEST(Fees, RateArithmetic) {
    // 1 bp of 100 × $223.81: notional 2238100 × 100 = 223,810,000 units; /10^4 = 22,381 exactly.
    EXPECT_EQ(FeeRate::from_bps(1.0).fee(Price{2238100}, Quantity{100}), 22381);
    // 0.3 bp of 223,850,000 = 6,715.5 → rounded up to 6,716.
    EXPECT_EQ(FeeRate::from_bps(0.3).fee(Price{2238500}, Quantity{100}), 6716);
    // −0.2 bp of 223,810,000 = −4,476.2 → toward +infinity: −4,476 (a rebate never rounds up in our favour).
    EXPECT_EQ(FeeRate::from_bps(-0.2).fee(Price{2238100}, Quantity{100}), -4476);
    // −1 bp exactly: −22,381.
    EXPECT_EQ(FeeRate::from_bps(-1.0).fee(Price{2238100}, Quantity{100}), -22381);
    EXPECT_EQ(FeeRate::from_bps(0.0).fee(Price{2238100}, Quantity{100}), 0);
    // The notional itself may exceed int64: BTC 27981.30000000 × 12.91100000 at 8/8 decimals is
    // 2798130000000 × 1291100000 = 3,612,665,643,000,000,000,000 units (> 9.2e18);
    // 1 bp of it = 361,266,564,300,000,000, exact thanks to the 128-bit intermediate.
    EXPECT_EQ(FeeRate::from_bps(1.0).fee(Price{2798130000000}, Quantity{1291100000}), 361266564300000000);
}

TEST(Fees, MakerAndTakerFeesOnFills) {
    Harness h(make_params({{"maker_fee_bps", -0.2}, {"taker_fee_bps", 0.3}}));
    h.quote(kAmzn, 2238000, 300, 2238500, 200);
    h.market(kAmzn, Side::Buy, 100);  // taker: 100 × 223.85
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[1].liquidity, Liquidity::Taker);
    EXPECT_EQ(u[1].last_fee, 6716);  // 223,850,000 × 0.3 / 10^4 = 6,715.5 → 6,716

    h.limit(kAmzn, Side::Buy, 2238100, 100);  // improves the bid: first in line
    h.take_updates();
    h.trade(kAmzn, Side::Sell, 2238100, 100);
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].liquidity, Liquidity::Maker);
    EXPECT_EQ(u[0].last_fee, -4476);  // 223,810,000 × −0.2 / 10^4 = −4,476.2 → −4,476 (rebate)
}

TEST(Fees, PartialFillsAreChargedPerFill) {
    Harness h(make_params({{"maker_fee_bps", 1.5}}));
    h.quote(kAmzn, 2238000, 300, 2238500, 200);
    h.limit(kAmzn, Side::Buy, 2238100, 100);
    h.take_updates();
    h.trade(kAmzn, Side::Sell, 2238100, 33);
    h.trade(kAmzn, Side::Sell, 2238100, 67);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    // 2238100 × 33 = 73,857,300 × 1.5 / 10^4 = 11,078.595 → 11,079
    EXPECT_EQ(u[0].last_fee, 11079);
    // 2238100 × 67 = 149,952,700 × 1.5 / 10^4 = 22,492.905 → 22,493
    EXPECT_EQ(u[1].last_fee, 22493);
}

}  // namespace
}  // namespace trellis::simex::testing
