#include <gtest/gtest.h>

#include "kernel/order_manager.hpp"

using namespace trellis;
using namespace trellis::host;

namespace {
OrderRequest buy(std::int64_t px, std::int64_t qty) {
    OrderRequest r;
    r.instrument = 0;
    r.side = Side::Buy;
    r.price = Price{px};
    r.qty = Quantity{qty};
    return r;
}
OrderUpdate update(OrderId id, OrderStatus s, std::int64_t last_qty = 0, std::int64_t px = 0) {
    OrderUpdate u;
    u.id = id;
    u.status = s;
    u.last_qty = Quantity{last_qty};
    u.last_price = Price{px};
    return u;
}
}  // namespace

TEST(OrderManager, FullLifeCycleWithPartialFills) {
    OrderManager om(8);
    OrderRecord* r = om.create(0, buy(100, 10), 5);
    ASSERT_NE(r, nullptr);
    const OrderId id = r->order.id;
    EXPECT_EQ(id, 1u);
    EXPECT_EQ(om.open_orders(0), 1u);
    EXPECT_EQ(om.apply(update(id, OrderStatus::Accepted)), UpdateOutcome::Applied);
    EXPECT_EQ(om.apply(update(id, OrderStatus::PartiallyFilled, 4, 100)), UpdateOutcome::Applied);
    EXPECT_EQ(om.find(id)->status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(om.apply(update(id, OrderStatus::Filled, 6, 99)), UpdateOutcome::Applied);
    EXPECT_EQ(om.find(id)->status, OrderStatus::Filled);
    EXPECT_EQ(om.find(id)->filled.raw, 10);
    EXPECT_EQ(om.find(id)->filled_notional, 4 * 100 + 6 * 99);
    EXPECT_EQ(om.open_orders(0), 0u);
    EXPECT_EQ(om.counters().fills, 2u);
    EXPECT_EQ(om.counters().filled, 1u);
}

TEST(OrderManager, CancelAndReplace) {
    OrderManager om(8);
    const OrderId id = om.create(1, buy(100, 10), 0)->order.id;
    om.apply(update(id, OrderStatus::Accepted));
    EXPECT_TRUE(om.request_replace(id));
    OrderUpdate rep = update(id, OrderStatus::Replaced);
    rep.price = Price{101};
    rep.qty = Quantity{8};
    om.apply(rep);
    EXPECT_EQ(om.find(id)->price.raw, 101);
    EXPECT_EQ(om.find(id)->qty.raw, 8);
    EXPECT_TRUE(om.request_cancel(id, 0));
    EXPECT_EQ(om.apply(update(id, OrderStatus::Cancelled)), UpdateOutcome::Applied);
    EXPECT_FALSE(om.request_cancel(id, 0));  // terminal
    EXPECT_EQ(om.open_orders(1), 0u);
}

TEST(OrderManager, CountsUnknownIdsAndFillsAfterCancel) {
    OrderManager om(8);
    const OrderId id = om.create(0, buy(100, 10), 0)->order.id;
    om.apply(update(id, OrderStatus::Accepted));
    EXPECT_EQ(om.apply(update(999, OrderStatus::Accepted)), UpdateOutcome::UnknownOrder);
    EXPECT_EQ(om.counters().unknown_order_updates, 1u);
    ASSERT_TRUE(om.request_cancel(id, 0));
    // The venue filled part of it before the cancel arrived.
    EXPECT_EQ(om.apply(update(id, OrderStatus::PartiallyFilled, 3, 100)), UpdateOutcome::FillAfterCancel);
    om.apply(update(id, OrderStatus::Cancelled));
    // A straggling fill after the cancel was confirmed: still a real fill, counted.
    EXPECT_EQ(om.apply(update(id, OrderStatus::Filled, 2, 100)), UpdateOutcome::FillAfterCancel);
    EXPECT_EQ(om.find(id)->status, OrderStatus::Cancelled);
    EXPECT_EQ(om.find(id)->filled.raw, 5);
    EXPECT_EQ(om.counters().fills_after_cancel, 2u);
    // A second cancel confirmation is stale.
    EXPECT_EQ(om.apply(update(id, OrderStatus::Cancelled)), UpdateOutcome::Ignored);
}

TEST(OrderManager, RefusesWhenTableFullOfLiveOrders) {
    OrderManager om(2);
    ASSERT_NE(om.create(0, buy(1, 1), 0), nullptr);  // id 1
    ASSERT_NE(om.create(0, buy(1, 1), 0), nullptr);  // id 2
    EXPECT_EQ(om.create(0, buy(1, 1), 0), nullptr);  // id 3 maps onto live id 1
    om.apply(update(1, OrderStatus::Rejected));
    EXPECT_NE(om.create(0, buy(1, 1), 0), nullptr);  // slot free again
    EXPECT_EQ(om.find(1), nullptr);                  // its record was reused
}

TEST(OrderManager, OpenQuantityFollowsActivationFillsReplacesAndCancels) {
    OrderManager om(8, 2);
    OrderRecord* r = om.create(0, buy(100, 10), 0);
    EXPECT_EQ(om.open_quantity(0, Side::Buy).raw, 0);  // not yet through the checks
    om.activate(*r, 0);
    const OrderId id = r->order.id;
    EXPECT_EQ(om.open_quantity(0, Side::Buy).raw, 10);
    EXPECT_EQ(om.open_orders(0, Side::Buy), 1u);
    om.apply(update(id, OrderStatus::Accepted));
    om.apply(update(id, OrderStatus::PartiallyFilled, 4, 100));
    EXPECT_EQ(om.open_quantity(0, Side::Buy).raw, 6);
    OrderUpdate rep = update(id, OrderStatus::Replaced);
    rep.price = Price{99};
    rep.qty = Quantity{7};  // total 7, 4 filled: 3 open
    om.apply(rep);
    EXPECT_EQ(om.open_quantity(0, Side::Buy).raw, 3);
    EXPECT_EQ(om.open_quantity(0, Side::Sell).raw, 0);
    EXPECT_EQ(om.open_quantity(1, Side::Buy).raw, 0);
    om.apply(update(id, OrderStatus::Cancelled));
    EXPECT_EQ(om.open_quantity(0, Side::Buy).raw, 0);
    EXPECT_EQ(om.open_orders(0, Side::Buy), 0u);
    int live = 0;
    om.for_each_live([&](const OrderRecord&) { ++live; });
    EXPECT_EQ(live, 0);
}
