#include <gtest/gtest.h>

#include "marketdata/price_levels.hpp"

using namespace trellis;
using namespace trellis::host;

TEST(PriceLevels, BestBidIsTheHighestAndBestAskTheLowest) {
    PriceLevels bids(Side::Buy, 8), asks(Side::Sell, 8);
    for (const std::int64_t p : {100, 103, 101}) {
        bids.set(Price{p}, Quantity{p * 10});
        asks.set(Price{p}, Quantity{p * 10});
    }
    EXPECT_EQ(bids.best_price().raw, 103);
    EXPECT_EQ(bids.best_qty().raw, 1030);
    EXPECT_EQ(asks.best_price().raw, 100);
    EXPECT_EQ(asks.best_qty().raw, 1000);
}

TEST(PriceLevels, SizeReplacesAndZeroRemoves) {
    PriceLevels bids(Side::Buy, 8);
    bids.set(Price{100}, Quantity{5});
    bids.set(Price{99}, Quantity{7});
    bids.set(Price{100}, Quantity{6});
    EXPECT_EQ(bids.size(), 2u);
    EXPECT_EQ(bids.best_qty().raw, 6);
    bids.set(Price{100}, Quantity{0});
    EXPECT_EQ(bids.best_price().raw, 99);
    bids.set(Price{42}, Quantity{0});  // removing an unknown level changes nothing
    EXPECT_EQ(bids.size(), 1u);
    bids.set(Price{99}, Quantity{0});
    EXPECT_TRUE(bids.empty());
}

TEST(PriceLevels, FullSideKeepsTheBestLevels) {
    PriceLevels asks(Side::Sell, 3);
    for (const std::int64_t p : {105, 104, 103}) asks.set(Price{p}, Quantity{1});
    asks.set(Price{106}, Quantity{1});  // worse than all kept: dropped
    EXPECT_EQ(asks.size(), 3u);
    asks.set(Price{102}, Quantity{2});  // better: evicts 105
    EXPECT_EQ(asks.size(), 3u);
    EXPECT_EQ(asks.best_price().raw, 102);
    asks.set(Price{102}, Quantity{0});
    asks.set(Price{103}, Quantity{0});
    asks.set(Price{104}, Quantity{0});
    EXPECT_TRUE(asks.empty());  // 105 was evicted, 106 never kept
}
