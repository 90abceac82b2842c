// ImmediateOrderIds: remembered ids are forgotten once; when full the oldest goes first.
#include <gtest/gtest.h>

#include "immediate_order_ids.hpp"

using trellis::OrderId;
using trellis::risk::ImmediateOrderIds;

namespace {

TEST(ImmediateOrderIds, ForgetsEachRememberedIdOnce) {
    ImmediateOrderIds ids;
    ids.remember(7);
    ids.remember(9);
    EXPECT_TRUE(ids.forget(9));
    EXPECT_FALSE(ids.forget(9));
    EXPECT_TRUE(ids.forget(7));
    EXPECT_FALSE(ids.forget(8));
    EXPECT_FALSE(ids.forget(trellis::kNoOrder));  // free slots hold kNoOrder; it is never "remembered"
}

TEST(ImmediateOrderIds, WhenFullTheOldestIsForgottenFirst) {
    ImmediateOrderIds ids;
    for (OrderId id = 1; id <= ImmediateOrderIds::kCapacity + 1; ++id) ids.remember(id);
    EXPECT_FALSE(ids.forget(1));  // overwritten by id kCapacity + 1
    EXPECT_TRUE(ids.forget(2));
    EXPECT_TRUE(ids.forget(ImmediateOrderIds::kCapacity + 1));
}

}  // namespace
