// Order entry: validation, taking displayed liquidity, IOC/market remainders,
// post-only, self-match, cancel and cancel-replace, capacity.

#include <gtest/gtest.h>

#include "exchange_harness.hpp"

namespace trellis::simex::testing {
namespace {

constexpr std::int64_t kBid = 2238100;  // $223.81
constexpr std::int64_t kAsk = 2238500;  // $223.85

// A harness with an AMZN book of bid 223.81 x 300, ask 223.85 x 200.
Harness amzn_book(const Params& params = {}) {
    Harness h(params);
    h.quote(kAmzn, kBid, 300, kAsk, 200);
    return h;
}

TEST(OrderEntry, MarketOrderTakesDisplayedSizeAndCancelsTheRest) {
    Harness h = amzn_book();
    const OrderId id = h.market(kAmzn, Side::Buy, 300);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[0].status, OrderStatus::Accepted);
    EXPECT_EQ(u[0].id, id);
    EXPECT_EQ(u[0].user_tag, 1000 + id);
    // L1 is all we know: 200 displayed at the ask.
    EXPECT_EQ(u[1].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[1].liquidity, Liquidity::Taker);
    EXPECT_EQ(u[1].last_price.raw, kAsk);
    EXPECT_EQ(u[1].last_qty.raw, 200);
    EXPECT_EQ(u[1].filled_qty.raw, 200);
    EXPECT_EQ(u[2].status, OrderStatus::Cancelled);
    EXPECT_EQ(u[2].filled_qty.raw, 200);
    EXPECT_EQ(u[2].qty.raw, 300);
    EXPECT_EQ(h.venue.engine().open_order_count(), 0u);
    EXPECT_EQ(h.counter("orders"), 1);
    EXPECT_EQ(h.counter("fills"), 1);
    EXPECT_EQ(h.counter("cancels"), 1);
}

TEST(OrderEntry, MarketOrderFullyFilledWithinDisplayedSize) {
    Harness h = amzn_book();
    h.market(kAmzn, Side::Sell, 120);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[1].status, OrderStatus::Filled);
    EXPECT_EQ(u[1].last_price.raw, kBid);
    EXPECT_EQ(u[1].last_qty.raw, 120);
}

TEST(OrderEntry, OwnTakesDepleteTheDisplayedSizeUntilTheQuoteChanges) {
    Harness h = amzn_book();
    h.market(kAmzn, Side::Buy, 150);  // takes 150 of the 200 displayed
    h.take_updates();
    h.market(kAmzn, Side::Buy, 100);  // only 200 - 150 = 50 left
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[1].last_qty.raw, 50);
    h.market(kAmzn, Side::Buy, 10);  // nothing left at the displayed ask
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Rejected);
    EXPECT_EQ(u[0].reason, RejectReason::NoLiquidity);
    h.quote(kAmzn, kBid, 300, kAsk, 180);  // a new ask size: available again
    h.market(kAmzn, Side::Buy, 10);
    u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[1].status, OrderStatus::Filled);
}

TEST(OrderEntry, MarketOrderIntoEmptySideIsRejectedNoLiquidity) {
    Harness h;
    h.quote(kAmzn, kBid, 300, 0, 0);  // no asks
    h.market(kAmzn, Side::Buy, 100);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);  // no Accepted first
    EXPECT_EQ(u[0].status, OrderStatus::Rejected);
    EXPECT_EQ(u[0].reason, RejectReason::NoLiquidity);
    EXPECT_EQ(h.counter("rejects"), 1);
}

TEST(OrderEntry, MarketableLimitTakesDisplayedSizeAndRestsTheRemainder) {
    Harness h = amzn_book();
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238600, 500);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[0].status, OrderStatus::Accepted);
    EXPECT_EQ(u[1].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[1].last_price.raw, kAsk);  // the best ask, not our limit
    EXPECT_EQ(u[1].last_qty.raw, 200);
    EXPECT_EQ(u[1].price.raw, 2238600);
    // 300 rest at 223.86, above the market bid: nobody is in front.
    EXPECT_EQ(h.venue.engine().open_order_count(), 1u);
    EXPECT_EQ(*h.venue.engine().filled_qty(id), 200);
    EXPECT_EQ(h.ahead(id), 0);
}

TEST(OrderEntry, IocRemainderIsCancelled) {
    Harness h = amzn_book();
    h.limit(kAmzn, Side::Buy, kAsk, 300, TimeInForce::ImmediateOrCancel);
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[1].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[1].last_qty.raw, 200);
    EXPECT_EQ(u[2].status, OrderStatus::Cancelled);
    EXPECT_EQ(u[2].filled_qty.raw, 200);

    // Not marketable at all: accepted, then cancelled with nothing filled.
    h.limit(kAmzn, Side::Buy, 2238200, 100, TimeInForce::ImmediateOrCancel);
    u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[0].status, OrderStatus::Accepted);
    EXPECT_EQ(u[1].status, OrderStatus::Cancelled);
    EXPECT_EQ(u[1].filled_qty.raw, 0);
    EXPECT_EQ(h.venue.engine().open_order_count(), 0u);
}

TEST(OrderEntry, PostOnlyThatWouldTakeIsRejected) {
    Harness h = amzn_book();
    h.limit(kAmzn, Side::Buy, kAsk, 100, TimeInForce::PostOnly);   // touches the ask
    h.limit(kAmzn, Side::Sell, kBid, 100, TimeInForce::PostOnly);  // touches the bid
    h.submit(kAmzn, Side::Buy, OrderType::Market, TimeInForce::PostOnly, 0, 100);
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    for (const auto& x : u) {
        EXPECT_EQ(x.status, OrderStatus::Rejected);
        EXPECT_EQ(x.reason, RejectReason::PostOnlyWouldTake);
    }
    const OrderId id = h.limit(kAmzn, Side::Buy, 2238400, 100, TimeInForce::PostOnly);
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Accepted);
    EXPECT_EQ(h.ahead(id), 0);  // 223.84 improves the 223.81 bid
}

TEST(OrderEntry, InvalidTickLotAndInstrumentAreRejected) {
    Harness h = amzn_book();
    h.limit(kAmzn, Side::Buy, 2238150, 100);  // 150 is not a multiple of the 100 tick
    h.limit(kAmzn, Side::Buy, 0, 100);        // price must be > 0
    h.limit(kAmzn, Side::Buy, kBid, 0);       // qty must be > 0
    h.limit(kAmzn, Side::Buy, kBid, -5);
    h.limit(kLots, Side::Buy, 1000, 1500);  // lot is 1000 raw
    h.limit(kLots, Side::Buy, 1007, 2000);  // tick is 5 raw
    h.limit(9, Side::Buy, kBid, 100);       // no instrument 9
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 7u);
    const RejectReason expected[] = {RejectReason::InvalidPrice,     RejectReason::InvalidPrice,
                                     RejectReason::InvalidQuantity,  RejectReason::InvalidQuantity,
                                     RejectReason::InvalidQuantity,  RejectReason::InvalidPrice,
                                     RejectReason::UnknownInstrument};
    for (std::size_t i = 0; i < u.size(); ++i) {
        EXPECT_EQ(u[i].status, OrderStatus::Rejected) << i;
        EXPECT_EQ(u[i].reason, expected[i]) << i;
        EXPECT_FALSE(u[i].text.empty()) << i;
    }
    EXPECT_EQ(u[0].text.view(), "price 2238150 raw must be > 0 and a multiple of tick 100");
    EXPECT_EQ(u[4].text.view(), "qty 1500 raw must be > 0 and a multiple of lot 1000");
    EXPECT_EQ(h.counter("rejects"), 7);
    // A valid order on the lot instrument passes.
    h.limit(kLots, Side::Buy, 1005, 2000);
    EXPECT_EQ(h.take_updates().at(0).status, OrderStatus::Accepted);
}

TEST(OrderEntry, TooManyOpenOrdersIsACleanReject) {
    Harness h = amzn_book(make_params({{"max_open_orders", std::int64_t{2}}}));
    h.limit(kAmzn, Side::Buy, kBid, 1);
    h.limit(kAmzn, Side::Buy, kBid, 1);
    h.limit(kAmzn, Side::Buy, kBid, 1);
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[2].status, OrderStatus::Rejected);
    EXPECT_EQ(u[2].reason, RejectReason::TooManyOpenOrders);
    // An IOC needs no slot.
    h.limit(kAmzn, Side::Buy, kAsk, 1, TimeInForce::ImmediateOrCancel);
    EXPECT_EQ(h.take_updates().back().status, OrderStatus::Filled);
}

TEST(OrderEntry, SelfMatchIsRejectedCancelNewest) {
    Harness h = amzn_book();
    const OrderId sell = h.limit(kAmzn, Side::Sell, 2238400, 100);  // improves the ask, rests
    h.take_updates();
    h.limit(kAmzn, Side::Buy, 2238400, 50);  // would trade with our own sell
    h.market(kAmzn, Side::Buy, 50);          // so would a market buy
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    for (const auto& x : u) {
        EXPECT_EQ(x.status, OrderStatus::Rejected);
        EXPECT_EQ(x.reason, RejectReason::SelfMatch);
    }
    EXPECT_EQ(h.counter("self_match_prevented"), 2);
    EXPECT_TRUE(h.venue.engine().queue_position(sell).has_value());  // the resting order is untouched

    const OrderId buy = h.limit(kAmzn, Side::Buy, 2238300, 50);  // below our sell: fine
    EXPECT_EQ(h.take_updates().at(0).status, OrderStatus::Accepted);
    h.venue.replace(buy, Price{2238400}, Quantity{50});  // replace into our sell
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::CancelRejected);
    EXPECT_EQ(u[0].reason, RejectReason::SelfMatch);
    EXPECT_EQ(u[0].price.raw, 2238300);  // unchanged
    EXPECT_EQ(h.counter("self_match_prevented"), 3);
}

TEST(OrderEntry, CancelLiveUnknownAndFinishedOrders) {
    Harness h = amzn_book();
    const OrderId live = h.limit(kAmzn, Side::Buy, kBid, 100);
    const OrderId filled = h.market(kAmzn, Side::Buy, 50);
    const OrderId rejected = h.limit(kAmzn, Side::Buy, 2238150, 100);
    h.take_updates();

    h.venue.cancel(live);
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Cancelled);
    EXPECT_EQ(u[0].id, live);
    EXPECT_EQ(h.venue.engine().open_order_count(), 0u);

    h.venue.cancel(live);      // already cancelled
    h.venue.cancel(filled);    // already filled
    h.venue.cancel(rejected);  // never lived
    h.venue.cancel(424242);    // never seen
    u = h.take_updates();
    ASSERT_EQ(u.size(), 4u);
    for (const auto& x : u) EXPECT_EQ(x.status, OrderStatus::CancelRejected);
    EXPECT_EQ(u[0].reason, RejectReason::TooLateToCancel);
    EXPECT_EQ(u[1].reason, RejectReason::TooLateToCancel);
    EXPECT_EQ(u[2].reason, RejectReason::TooLateToCancel);
    EXPECT_EQ(u[3].reason, RejectReason::UnknownOrder);
    EXPECT_EQ(u[3].id, 424242u);
    EXPECT_EQ(h.counter("cancels"), 1);
}

TEST(OrderEntry, ReplaceKeepsPriorityOnlyForASizeDecrease) {
    Harness h = amzn_book();
    const OrderId id = h.limit(kAmzn, Side::Buy, kBid, 100);
    EXPECT_EQ(h.ahead(id), 300);           // joined behind the 300 displayed
    h.quote(kAmzn, kBid, 500, kAsk, 200);  // +200 joined behind us
    EXPECT_EQ(h.ahead(id), 300);
    h.take_updates();

    h.venue.replace(id, Price{kBid}, Quantity{60});  // smaller: keeps its place
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Replaced);
    EXPECT_EQ(u[0].qty.raw, 60);
    EXPECT_EQ(h.ahead(id), 300);

    h.venue.replace(id, Price{kBid}, Quantity{80});  // larger: back of the queue, behind all 500
    EXPECT_EQ(h.take_updates().at(0).status, OrderStatus::Replaced);
    EXPECT_EQ(h.ahead(id), 500);

    h.venue.replace(id, Price{2238000}, Quantity{80});  // deeper than the L1 best: unseen until the best gets there
    EXPECT_FALSE(h.queue_known(id));
    h.venue.replace(id, Price{kBid}, Quantity{80});  // back at the best: new arrival again
    EXPECT_EQ(h.ahead(id), 500);

    h.venue.replace(id, Price{2238400}, Quantity{80});  // improves the bid: first in line
    EXPECT_EQ(h.ahead(id), 0);
}

TEST(OrderEntry, ReplaceToMarketablePriceExecutesAtOnce) {
    Harness h = amzn_book();
    const OrderId id = h.limit(kAmzn, Side::Buy, kBid, 250);
    h.take_updates();
    h.venue.replace(id, Price{kAsk}, Quantity{250});
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 2u);
    EXPECT_EQ(u[0].status, OrderStatus::Replaced);
    EXPECT_EQ(u[0].price.raw, kAsk);
    EXPECT_EQ(u[1].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[1].liquidity, Liquidity::Taker);
    EXPECT_EQ(u[1].last_qty.raw, 200);
    EXPECT_EQ(h.ahead(id), 0);  // the remaining 50 rest at the ask price, ahead of the market bid

    // New total must stay above the 200 filled.
    h.venue.replace(id, Price{kAsk}, Quantity{200});
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::CancelRejected);
    EXPECT_EQ(u[0].reason, RejectReason::InvalidQuantity);
    EXPECT_EQ(u[0].qty.raw, 250);
    EXPECT_EQ(u[0].filled_qty.raw, 200);
}

TEST(OrderEntry, ReplaceRefusals) {
    Harness h = amzn_book();
    const OrderId id = h.limit(kAmzn, Side::Buy, kBid, 100, TimeInForce::PostOnly);
    h.take_updates();
    h.venue.replace(id, Price{2238150}, Quantity{100});  // off tick
    h.venue.replace(id, Price{kAsk}, Quantity{100});     // post-only would take
    h.venue.replace(777, Price{kBid}, Quantity{100});    // unknown
    const auto u = h.take_updates();
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[0].reason, RejectReason::InvalidPrice);
    EXPECT_EQ(u[1].reason, RejectReason::PostOnlyWouldTake);
    EXPECT_EQ(u[2].reason, RejectReason::UnknownOrder);
    for (const auto& x : u) EXPECT_EQ(x.status, OrderStatus::CancelRejected);
    EXPECT_EQ(h.ahead(id), 300);  // untouched
}

TEST(OrderEntry, HaltRejectsNewOrdersAndStopsFills) {
    Harness h;
    h.quote(kAmzn, 2238000, 300, kAsk, 200);
    const OrderId id = h.limit(kAmzn, Side::Buy, kBid, 100);  // improves the bid: ahead 0
    h.take_updates();
    h.halt(kAmzn, kFlagHaltStart);
    h.limit(kAmzn, Side::Buy, kBid, 100);
    auto u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::Rejected);
    EXPECT_EQ(u[0].reason, RejectReason::VenueHalted);
    h.trade(kAmzn, Side::Sell, kBid, 50);  // nothing fills while halted
    h.venue.replace(id, Price{kBid}, Quantity{90});
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::CancelRejected);
    EXPECT_EQ(u[0].reason, RejectReason::VenueHalted);
    h.halt(kAmzn, kFlagNone);  // LOBSTER's "quoting resumes": still halted for trading
    h.limit(kAmzn, Side::Buy, kBid, 100);
    EXPECT_EQ(h.take_updates().at(0).reason, RejectReason::VenueHalted);

    h.halt(kAmzn, kFlagHaltEnd);
    h.trade(kAmzn, Side::Sell, kBid, 50);
    u = h.take_updates();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].status, OrderStatus::PartiallyFilled);
    EXPECT_EQ(u[0].last_qty.raw, 50);
}

TEST(OrderEntry, BadQueueModelParameterThrows) {
    EXPECT_THROW(SimulatedExchange(make_params({{"queue_model", std::string("fifo")}})), std::invalid_argument);
    EXPECT_THROW(SimulatedExchange(make_params({{"maker_fee_bps", 150.0}})), std::invalid_argument);
    EXPECT_NO_THROW(SimulatedExchange(make_params({{"queue_model", std::string("exact")}})));
}

}  // namespace
}  // namespace trellis::simex::testing
