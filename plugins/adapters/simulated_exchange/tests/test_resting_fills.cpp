// Resting orders fill only when the market trades at or through their price
// (or, on data without trades, when the opposite quote reaches them).

#include <gtest/gtest.h>

#include "exchange_harness.hpp"

namespace trellis::simex::testing {
namespace {

constexpr std::int64_t P = 2238100;  // our bid, $223.81
constexpr std::int64_t kAsk = 2238500;

// The exact (L3) case, LOBSTER-style: every row is an order event or a trade,
// followed by the quote it produced.
TEST(RestingFills, ExactQueueFillsOnlyAfterTheQueueAheadIsGone) {
    Harness h;
    // Book before us: venue order 11 (300) plus 50 from an order older than the file (id 999).
    h.add(kAmzn, Side::Buy, 11, P, 300);
    h.quote(kAmzn, P, 350, kAsk, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, P, 100);
    EXPECT_EQ(h.ahead(id), 350);  // the L1 size at our price when we arrived

    h.add(kAmzn, Side::Buy, 12, P, 200);  // joins behind us
    h.quote(kAmzn, P, 550, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 350);
    h.remove(kAmzn, Side::Buy, 12, P, 200);  // behind us: no effect
    h.quote(kAmzn, P, 350, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 350);
    h.reduce(kAmzn, Side::Buy, 11, P, 100);  // in front: 350 - 100 = 250
    h.quote(kAmzn, P, 250, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 250);
    h.remove(kAmzn, Side::Buy, 999, P, 50);  // older than the file, so in front: 250 - 50 = 200
    h.quote(kAmzn, P, 200, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 200);
    h.add(kAmzn, Side::Buy, 13, P, 100);  // behind us
    h.quote(kAmzn, P, 300, kAsk, 200);

    h.trade(kAmzn, Side::Sell, P, 150, 11);  // order 11 (200 left) trades 150: ahead 200 - 150 = 50
    h.quote(kAmzn, P, 150, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 50);
    h.trade(kAmzn, Side::Sell, P, 50, 11);  // the last 50 of order 11: ahead 0, nothing left for us
    h.quote(kAmzn, P, 100, kAsk, 200);
    EXPECT_EQ(h.ahead(id), 0);
    EXPECT_TRUE(h.take_updates().size() == 1u);  // only the Accepted so far

    h.trade(kAmzn, Side::Sell, P, 80, 13);  // hits order 13, which is behind us: we fill 80 of 100 first
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[0].liquidity, Liquidity::Maker);
    EXPECT_EQ(u[0].last_price.raw, P);
    EXPECT_EQ(u[0].last_qty.raw, 80);
    EXPECT_EQ(u[0].filled_qty.raw, 80);
    h.quote(kAmzn, P, 20, kAsk, 200);
    h.trade(kAmzn, Side::Sell, P, 20, 13);  // 20 more: 80 + 20 = 100 filled
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Filled);
    EXPECT_EQ(u[0].last_qty.raw, 20);
    EXPECT_EQ(u[0].filled_qty.raw, 100);
    EXPECT_EQ(h.venue.engine().open_order_count(), 0u);
    EXPECT_EQ(h.counter("fills"), 2);
}

TEST(RestingFills, BuyAggressorTradesDoNotFillRestingBuys) {
    Harness h;
    h.quote(kAmzn, 2238000, 300, kAsk, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, P, 100);  // ahead 0
    h.take_updates();
    h.trade(kAmzn, Side::Buy, kAsk, 100);  // lifts the offer: not our side
    EXPECT_TRUE(h.take_updates().empty());
    EXPECT_EQ(*h.venue.engine().filled_qty(id), 0);
}

TEST(RestingFills, TradeThroughFillsAtOurPriceIgnoringTheQueue) {
    Harness h;
    h.quote(kAmzn, P, 350, kAsk, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, P, 100);
    EXPECT_EQ(h.ahead(id), 350);
    h.take_updates();
    h.trade(kAmzn, Side::Sell, 2238000, 60);  // a sell at 223.80 went through our 223.81
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[0].last_price.raw, P);  // our price, not the trade's
    EXPECT_EQ(u[0].last_qty.raw, 60);
    EXPECT_EQ(h.ahead(id), 0);  // the level at our price must have emptied
}

TEST(RestingFills, PartialFillsAcrossTwoTrades) {
    Harness h;
    h.quote(kAmzn, 2238000, 300, kAsk, 200);
    h.limit(kAmzn, Side::Sell, 2238400, 100);  // improves the 223.85 ask: ahead 0
    h.take_updates();
    h.trade(kAmzn, Side::Buy, 2238400, 30);  // buy aggressor at our price: 30
    h.trade(kAmzn, Side::Buy, 2238500, 90);  // through our price: the remaining 70 of 90
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[0].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[0].last_qty.raw, 30);
    EXPECT_EQ(u[0].filled_qty.raw, 30);
    EXPECT_EQ(u[1].status, OrderStatus::Filled);
    EXPECT_EQ(u[1].last_qty.raw, 70);
    EXPECT_EQ(u[1].last_price.raw, 2238400);
    EXPECT_EQ(u[1].filled_qty.raw, 100);
}

TEST(RestingFills, OneTradeIsSharedByOurOrdersInPriceTimePriority) {
    Harness h;
    h.quote(kAmzn, 2237900, 100, kAsk, 200);
    const OrderId a = h.limit(kAmzn, Side::Buy, 2238000, 40);  // ahead 0 (improves the bid)
    h.quote(kAmzn, 2238000, 30, kAsk, 200);                    // 30 more join behind a
    const OrderId b = h.limit(kAmzn, Side::Buy, 2238000, 50);  // ahead 30
    const OrderId c = h.limit(kAmzn, Side::Buy, 2237900, 50);  // deeper: L1 cannot see it yet
    EXPECT_EQ(h.ahead(a), 0);
    EXPECT_EQ(h.ahead(b), 30);
    h.take_updates();
    // A sell of 100 at 223.80: a takes 40; the 30 market ahead of b trade; b gets 100 - 40 - 30 = 30.
    h.trade(kAmzn, Side::Sell, 2238000, 100);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[0].id, a);
    EXPECT_EQ(u[0].status, OrderStatus::Filled);
    EXPECT_EQ(u[0].last_qty.raw, 40);
    EXPECT_EQ(u[1].id, b);
    EXPECT_EQ(u[1].last_qty.raw, 30);
    EXPECT_EQ(h.ahead(b), 0);
    EXPECT_EQ(*h.venue.engine().filled_qty(c), 0);  // the trade was at 223.80: 223.79 is not reached
}

// On data without trades (Binance bookTicker) the ask coming down to our bid
// stands in for a trade at our price, for the displayed size that appeared.
TEST(RestingFills, QuoteCrossFillsOnL1OnlyData) {
    Harness h;
    h.quote(kBtc, 279813, 500, 279814, 400);
    const OrderId id = h.limit(kBtc, Side::Buy, 279813, 100);
    h.take_updates();
    h.quote(kBtc, 279812, 900, 279813, 60);  // the ask reaches our 27981.3 with 60
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[0].liquidity, Liquidity::Maker);
    EXPECT_EQ(u[0].last_price.raw, 279813);
    EXPECT_EQ(u[0].last_qty.raw, 60);
    h.quote(kBtc, 279812, 950, 279813, 60);  // same ask size: no new liquidity, no fill
    EXPECT_TRUE(h.take_updates().empty());
    h.quote(kBtc, 279812, 950, 279813, 90);  // 30 more appeared at our price
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].last_qty.raw, 30);
    EXPECT_EQ(u[0].filled_qty.raw, 90);
    h.quote(kBtc, 279811, 950, 279812, 50);  // through our price: the last 10, at our price
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Filled);
    EXPECT_EQ(u[0].last_qty.raw, 10);
    EXPECT_EQ(u[0].last_price.raw, 279813);
    EXPECT_EQ(id, u[0].id);
}

// A crossed input quote reaches two of our price levels: the displayed ask size is spent
// level by level, market queue ahead first at each level.
TEST(RestingFills, CrossedQuoteSpendsItsSizeLevelByLevel) {
    Harness h;
    h.level(kBtc, Side::Buy, 279812, 100);  // L2 data: the level below the best is sized
    h.quote(kBtc, 279813, 200, 279815, 100);
    const OrderId a = h.limit(kBtc, Side::Buy, 279813, 50);  // ahead 200
    const OrderId b = h.limit(kBtc, Side::Buy, 279812, 50);  // ahead 100 (level table)
    EXPECT_EQ(h.ahead(a), 200);
    EXPECT_EQ(h.ahead(b), 100);
    h.take_updates();
    // Ask 279812 x 300 while the bid still shows 279813 x 200:
    // at 27981.3, 200 market ahead then a fills 50 (300 − 200 − 50 = 50 left);
    // at 27981.2, those 50 reach only part of the 100 ahead of b: ahead 50, no fill.
    h.quote(kBtc, 279813, 200, 279812, 300);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].id, a);
    EXPECT_EQ(u[0].status, OrderStatus::Filled);
    EXPECT_EQ(h.ahead(b), 50);
}

TEST(RestingFills, QuoteCrossIsNotUsedOnceTradesAreSeen) {
    Harness h;
    h.quote(kBtc, 279813, 500, 279814, 400);
    h.trade(kBtc, Side::Buy, 279814, 5);  // this instrument has trades
    h.limit(kBtc, Side::Buy, 279813, 100);
    h.take_updates();
    h.quote(kBtc, 279812, 900, 279813, 60);
    EXPECT_TRUE(h.take_updates().empty());
    h.trade(kBtc, Side::Sell, 279813, 25);  // a real trade at our price does fill (queue ahead is 0 now)
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].last_qty.raw, 25);
}

}  // namespace
}  // namespace trellis::simex::testing
