// The ring of remembered orders behind duplicate_order_guard.
#include <gtest/gtest.h>

#include "recent_orders.hpp"

using namespace trellis;
using trellis::risk::OrderKey;
using trellis::risk::RecentOrders;

namespace {

OrderKey key(std::int64_t price, std::int64_t qty = 100, std::uint32_t strategy = 0) {
    return OrderKey{strategy, 0, Side::Buy, OrderType::Limit, Price{price}, Quantity{qty}};
}

TEST(RecentOrders, FindsTheNewestMatchAfterSince) {
    RecentOrders ring(4);
    ring.remember(key(10), 1, 100, 0);
    ring.remember(key(20), 2, 200, 0);
    ring.remember(key(10), 3, 300, 0);
    const auto* hit = ring.find(key(10), 0);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->id, 3u);
    EXPECT_EQ(ring.find(key(20), 199)->id, 2u);   // ts 200 > since 199
    EXPECT_EQ(ring.find(key(20), 200), nullptr);  // ts 200 is not after since 200
    EXPECT_EQ(ring.find(key(30), 0), nullptr);
}

TEST(RecentOrders, ForgetsRejectedOrders) {
    RecentOrders ring(4);
    ring.remember(key(10), 1, 100, 0);
    ring.remember(key(10), 2, 150, 0);
    ring.forget(2);
    EXPECT_EQ(ring.find(key(10), 0)->id, 1u);
    ring.forget(1);
    EXPECT_EQ(ring.find(key(10), 0), nullptr);
    ring.forget(99);  // unknown: no-op
}

TEST(RecentOrders, ReportsWhenAFullRingDropsAnEntryInsideTheWindow) {
    RecentOrders ring(2);
    EXPECT_FALSE(ring.remember(key(1), 1, 100, 0));
    EXPECT_FALSE(ring.remember(key(2), 2, 200, 0));
    EXPECT_TRUE(ring.remember(key(3), 3, 300, 50));    // drops ts 100 > since 50
    EXPECT_FALSE(ring.remember(key(4), 4, 400, 200));  // drops ts 200, not after since 200
    ring.forget(3);
    EXPECT_FALSE(ring.remember(key(5), 5, 500, 0));  // drops the forgotten 3
    EXPECT_EQ(ring.find(key(1), 0), nullptr);
    EXPECT_EQ(ring.find(key(4), 0)->id, 4u);
    EXPECT_EQ(ring.find(key(5), 0)->id, 5u);
    EXPECT_EQ(ring.size(), 2u);
}

TEST(RecentOrders, SnapshotKeepsTheNewestWhenTheNewRingIsSmaller) {
    RecentOrders ring(4);
    ring.remember(key(1), 1, 100, 0);
    ring.remember(key(2), 2, 200, 0);
    ring.remember(key(3), 3, 300, 0);
    ring.forget(2);  // forgotten entries are not written
    StateWriter w({'T', 'E', 'S', 'T'}, 1);
    ring.write(w);
    const auto bytes = std::move(w).take();

    StateReader r(bytes);
    ASSERT_TRUE(r.read_header({'T', 'E', 'S', 'T'}, 1, "test"));
    RecentOrders smaller(1);
    ASSERT_TRUE(smaller.read(r));
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(smaller.size(), 1u);
    EXPECT_EQ(smaller.find(key(3), 0)->ts, 300);
    EXPECT_EQ(smaller.find(key(1), 0), nullptr);
}

}  // namespace
