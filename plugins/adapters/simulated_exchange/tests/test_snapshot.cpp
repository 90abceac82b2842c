// snapshot()/restore(): resting orders and their queue state survive a hand-over
// to a new instance, which then behaves exactly like the old one.

#include <gtest/gtest.h>

#include "exchange_harness.hpp"

namespace trellis::simex::testing {
namespace {

// Builds a venue with state on both queue models: an exact L3 order on AMZN with a venue
// order tracked behind it, a probabilistic L1 order on BTC, and a recently cancelled id.
struct Scenario {
    Harness h;
    OrderId amzn = 0;
    OrderId btc = 0;
    OrderId cancelled = 0;

    Scenario() : h(make_params({{"maker_fee_bps", -0.2}})) {
        h.add(kAmzn, Side::Buy, 11, 2238100, 300);
        h.quote(kAmzn, 2238100, 300, 2238500, 200);
        amzn = h.limit(kAmzn, Side::Buy, 2238100, 100);  // ahead 300
        h.add(kAmzn, Side::Buy, 12, 2238100, 200);       // behind us: tracked
        h.quote(kAmzn, 2238100, 500, 2238500, 200);
        h.quote(kBtc, 279813, 500, 279814, 400);
        btc = h.limit(kBtc, Side::Buy, 279813, 100);  // ahead 500
        h.quote(kBtc, 279813, 800, 279814, 400);
        h.quote(kBtc, 279813, 600, 279814, 400);  // ahead 353 (see test_queue_models)
        cancelled = h.limit(kAmzn, Side::Sell, 2238900, 10);
        h.venue.cancel(cancelled);
        h.take_updates();
    }
};

// Fields of an update that must match between two venues fed the same input.
void expect_same(const std::vector<OrderUpdate>& a, const std::vector<OrderUpdate>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_EQ(a[i].status, b[i].status);
        EXPECT_EQ(a[i].reason, b[i].reason);
        EXPECT_EQ(a[i].last_qty, b[i].last_qty);
        EXPECT_EQ(a[i].last_price, b[i].last_price);
        EXPECT_EQ(a[i].last_fee, b[i].last_fee);
        EXPECT_EQ(a[i].filled_qty, b[i].filled_qty);
        EXPECT_EQ(a[i].user_tag, b[i].user_tag);
    }
}

TEST(Snapshot, RoundTripRestoresOrdersAndQueues) {
    Scenario s;
    ASSERT_EQ(s.h.ahead(s.amzn), 300);
    ASSERT_EQ(s.h.ahead(s.btc), 353);
    const std::vector<std::byte> bytes = s.h.venue.snapshot();
    ASSERT_FALSE(bytes.empty());

    // The host restores a new instance before starting it.
    fakes::FakeContext ctx(test_instruments());
    SimulatedExchange copy(make_params({{"maker_fee_bps", -0.2}}));
    ASSERT_TRUE(copy.restore(bytes).is_ok());
    ASSERT_TRUE(copy.start(ctx).is_ok());
    EXPECT_EQ(copy.snapshot(), bytes);  // byte-identical state
    EXPECT_EQ(copy.engine().open_order_count(), 2u);
    EXPECT_EQ(copy.engine().queue_position(s.amzn)->ahead, 300);
    EXPECT_EQ(copy.engine().queue_position(s.btc)->ahead, 353);

    // Both now see the same events and must report the same things.
    auto feed = [](SimulatedExchange& v, fakes::FakeContext& c) {
        auto ev = [&](MarketEventType t) {
            MarketEvent e;
            e.ts = e.recv_ts = ++c.clock;
            e.instrument = kAmzn;
            e.type = t;
            return e;
        };
        MarketEvent del = ev(MarketEventType::OrderDelete);  // order 12 was behind us: no effect
        del.side = Side::Buy;
        del.order = {Price{2238100}, Quantity{200}, 12};
        v.on_market_data(del);
        MarketEvent red = ev(MarketEventType::OrderReduce);  // order 11 in front: ahead 300 − 250 = 50
        red.side = Side::Buy;
        red.order = {Price{2238100}, Quantity{250}, 11};
        v.on_market_data(red);
        MarketEvent tr = ev(MarketEventType::Trade);  // 90 sold at our price: 50 ahead, then 40 to us
        tr.side = Side::Sell;
        tr.trade = {Price{2238100}, Quantity{90}, 11};
        v.on_market_data(tr);
    };
    feed(s.h.venue, s.h.ctx);
    feed(copy, ctx);
    const auto original = s.h.take_updates();
    ASSERT_EQ(original.size(), 1u);
    EXPECT_EQ(original[0].last_qty.raw, 40);
    EXPECT_EQ(original[0].last_fee, -1790);  // 2238100 × 40 = 89,524,000 × −0.2 / 10^4 = −1,790.48 → −1,790
    expect_same(original, ctx.emitted);

    // The recently cancelled id is remembered too.
    copy.cancel(s.cancelled);
    EXPECT_EQ(ctx.emitted.back().reason, RejectReason::TooLateToCancel);
}

TEST(Snapshot, RestoreAfterStartAlsoWorks) {
    Scenario s;
    const auto bytes = s.h.venue.snapshot();
    Harness other;
    ASSERT_TRUE(other.venue.restore(bytes).is_ok());
    EXPECT_EQ(other.venue.snapshot(), bytes);
}

TEST(Snapshot, CorruptSnapshotsAreRefusedAndLeaveStateUnchanged) {
    Scenario s;
    const auto bytes = s.h.venue.snapshot();
    Harness other;
    const OrderId mine = other.limit(kAmzn, Side::Buy, 2238100, 5);
    const auto before = other.venue.snapshot();

    auto bad_magic = bytes;
    bad_magic[0] = std::byte{0};
    const Status m = other.venue.restore(bad_magic);
    EXPECT_FALSE(m.is_ok());
    EXPECT_NE(m.message.find("magic"), std::string::npos);

    const std::vector<std::byte> truncated(bytes.begin(), bytes.end() - 3);
    EXPECT_FALSE(other.venue.restore(truncated).is_ok());

    auto bad_version = bytes;
    bad_version[4] = std::byte{9};
    const Status v = other.venue.restore(bad_version);
    EXPECT_FALSE(v.is_ok());
    EXPECT_NE(v.message.find("version 9"), std::string::npos);

    EXPECT_EQ(other.venue.snapshot(), before);
    EXPECT_TRUE(other.venue.engine().queue_position(mine).has_value());

    // Too many orders for a smaller venue.
    Harness tiny(make_params({{"max_open_orders", std::int64_t{1}}}));
    const Status t = tiny.venue.restore(bytes);
    EXPECT_FALSE(t.is_ok());
    EXPECT_NE(t.message.find("max_open_orders"), std::string::npos);
}

TEST(Snapshot, InstrumentTableMismatchIsRefusedAtStart) {
    Scenario s;
    const auto bytes = s.h.venue.snapshot();
    SimulatedExchange copy{Params{}};
    ASSERT_TRUE(copy.restore(bytes).is_ok());
    fakes::FakeContext one_instrument({fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)});
    const Status st = copy.start(one_instrument);
    EXPECT_FALSE(st.is_ok());
    EXPECT_NE(st.message.find("3 instruments"), std::string::npos);
}

TEST(Snapshot, EmptySnapshotRestoresNothing) {
    Harness h;
    EXPECT_TRUE(h.venue.restore({}).is_ok());
}

}  // namespace
}  // namespace trellis::simex::testing
