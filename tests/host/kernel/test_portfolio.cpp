#include <gtest/gtest.h>

#include "kernel/portfolio.hpp"

using namespace trellis;
using namespace trellis::host;

namespace {
// cash = initial + realized − open_cost − fees must hold to the unit.
void expect_reconciles(const InstrumentAccount& a) {
    EXPECT_EQ(a.cash, a.initial_cash + a.realized_pnl - a.open_cost - a.fees);
    EXPECT_EQ(a.position.raw, a.bought.raw - a.sold.raw);
}
}  // namespace

TEST(Portfolio, RoundTripLongRealizesExactly) {
    Portfolio p(1, {1'000'000});
    p.apply_fill(0, Side::Buy, Price{100}, Quantity{10}, 5);  // cost 1000, fee 5
    p.apply_fill(0, Side::Buy, Price{103}, Quantity{20}, 5);  // cost 2060 → basis 3060 for 30
    const auto& a = p.account(0);
    EXPECT_EQ(a.position.raw, 30);
    EXPECT_EQ(a.open_cost, 3060);
    p.apply_fill(0, Side::Sell, Price{110}, Quantity{10}, 2);  // removes 3060*10/30 = 1020; realized 1100-1020 = 80
    EXPECT_EQ(a.realized_pnl, 80);
    EXPECT_EQ(a.open_cost, 2040);
    EXPECT_EQ(a.fees, 12);
    EXPECT_EQ(a.cash, 1'000'000 - 1000 - 2060 + 1100 - 12);
    EXPECT_EQ(a.unrealized_pnl(Price{105}), 20 * 105 - 2040);
    expect_reconciles(a);
}

TEST(Portfolio, TruncationStaysInBasis) {
    Portfolio p(1);
    p.apply_fill(0, Side::Buy, Price{100}, Quantity{1}, 0);
    p.apply_fill(0, Side::Buy, Price{101}, Quantity{2}, 0);   // basis 302 for 3
    p.apply_fill(0, Side::Sell, Price{100}, Quantity{1}, 0);  // removes 302/3 = 100 (trunc), realized 0
    const auto& a = p.account(0);
    EXPECT_EQ(a.realized_pnl, 0);
    EXPECT_EQ(a.open_cost, 202);
    p.apply_fill(0, Side::Sell, Price{100}, Quantity{2}, 0);  // removes all 202, realized 200-202 = -2
    EXPECT_EQ(a.realized_pnl, -2);
    EXPECT_EQ(a.open_cost, 0);
    EXPECT_EQ(a.position.raw, 0);
    expect_reconciles(a);
}

TEST(Portfolio, FlipFromLongToShort) {
    Portfolio p(1);
    p.apply_fill(0, Side::Buy, Price{50}, Quantity{4}, 1);
    p.apply_fill(0, Side::Sell, Price{60}, Quantity{10}, -3);  // close 4 (+40), open short 6 at 60
    const auto& a = p.account(0);
    EXPECT_EQ(a.position.raw, -6);
    EXPECT_EQ(a.realized_pnl, 40);
    EXPECT_EQ(a.open_cost, -360);
    EXPECT_EQ(a.fees, -2);
    EXPECT_EQ(a.unrealized_pnl(Price{55}), -6 * 55 + 360);  // short gains 30
    p.apply_fill(0, Side::Buy, Price{55}, Quantity{6}, 0);
    EXPECT_EQ(a.realized_pnl, 70);
    EXPECT_EQ(a.position.raw, 0);
    expect_reconciles(a);
}
