// The dip buyer driven through FakeContext; expected prices worked by hand.
//
// Common setup: AMZN, price_decimals 4, tick 0.01 = 100 raw, lot 1 share.
// order_size 10, dip_ticks 5, window_s 10, take_profit_ticks 4, stop_loss_ticks 3,
// timeout_s 30, cooldown_s 5, entry_order limit, reject_backoff_s 1.
// Mids are compared doubled (bid + ask), so 5 ticks = 2 × 5 × 100 = 1000 doubled raw.
// Opening book 100.00 / 100.01 → bid + ask = 2,000,100 (the rolling high).
#include <gtest/gtest.h>

#include <stdexcept>

#include "dip_buyer.hpp"
#include "fake_context.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using trellis::dip_buyer::DipBuyer;
using trellis::dip_buyer::ExitReason;
using trellis::fakes::FakeContext;
using Kind = FakeContext::Call::Kind;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000 * kMs;

Params dip_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(dip_buyer::kParams,
                                       {{"symbol", std::string("AMZN")},
                                        {"order_size", 10.0},
                                        {"dip_ticks", std::int64_t{5}},
                                        {"window_s", 10.0},
                                        {"take_profit_ticks", std::int64_t{4}},
                                        {"stop_loss_ticks", std::int64_t{3}},
                                        {"timeout_s", 30.0},
                                        {"cooldown_s", 5.0},
                                        {"entry_order", std::string("limit")},
                                        {"reject_backoff_s", 1.0}},
                                       extra);
}

// Orders are for order_size = 10 shares unless a test says otherwise.
OrderUpdate update(OrderId id, Side side, OrderStatus status, std::int64_t total = 10) {
    return fakes::order_update(id, side, status, total);
}
OrderUpdate fill(OrderId id, Side side, std::int64_t price, std::int64_t last_qty, std::int64_t filled,
                 std::int64_t total = 10) {
    return fakes::fill_update(id, side, price, last_qty, filled, total);
}

class DipBuyerTest : public ::testing::Test {
protected:
    FakeContext ctx{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};

    std::unique_ptr<DipBuyer> started(Params p = dip_params()) {
        auto s = std::make_unique<DipBuyer>(p);
        const Status st = s->start(ctx);
        EXPECT_TRUE(st.is_ok()) << st.message;
        return s;
    }

    // Moves the clock to t and delivers a quote stamped t (market data latency is the host's business).
    void feed(DipBuyer& s, Timestamp t, std::int64_t bid, std::int64_t ask, std::int64_t bid_qty = 500,
              std::int64_t ask_qty = 500) {
        ctx.clock = t;
        ctx.set_book(0, TopOfBook{Price{bid}, Price{ask}, Quantity{bid_qty}, Quantity{ask_qty}, Price{}, t});
        s.on_quote(fakes::quote_event(t, bid, ask, bid_qty, ask_qty));
    }

    // High 2,000,100 at t = 0 (current until 1 s), then a 5-tick dip at 3 s → entry order id 1 at 999,600.
    void enter(DipBuyer& s) {
        feed(s, 0, 1'000'000, 1'000'100);
        feed(s, 1 * kSecond, 999'600, 999'700);
        feed(s, 3 * kSecond, 999'500, 999'600);
        ASSERT_EQ(ctx.calls.size(), 1u);
    }

    void expect_order(std::size_t i, Side side, OrderType type, std::int64_t price, std::int64_t qty) {
        ASSERT_LT(i, ctx.calls.size());
        const auto& c = ctx.calls[i];
        EXPECT_EQ(c.kind, Kind::Submit) << "call " << i;
        EXPECT_EQ(c.request.side, side) << "call " << i;
        EXPECT_EQ(c.request.type, type) << "call " << i;
        EXPECT_EQ(c.request.tif, TimeInForce::ImmediateOrCancel) << "call " << i;
        if (type == OrderType::Limit) {
            EXPECT_EQ(c.request.price.raw, price) << "call " << i;
        }
        EXPECT_EQ(c.request.qty.raw, qty) << "call " << i;
    }
};

}  // namespace

TEST_F(DipBuyerTest, EntersExactlyWhenTheMidIsDipTicksBelowTheHigh) {
    auto s = started();
    feed(*s, 0, 1'000'000, 1'000'100);        // 2,000,100: the high
    feed(*s, 1 * kSecond, 999'600, 999'700);  // 1,999,300: 800 below = 4 ticks
    feed(*s, 2 * kSecond, 999'500, 999'700);  // 1,999,200: 900 below = 4.5 ticks
    EXPECT_TRUE(ctx.calls.empty());
    feed(*s, 3 * kSecond, 999'500, 999'600);  // 1,999,100: 1000 below = 5 ticks → buy at the ask
    ASSERT_EQ(ctx.calls.size(), 1u);
    expect_order(0, Side::Buy, OrderType::Limit, 999'600, 10);
    EXPECT_EQ(s->working_order(), 1u);
}

TEST_F(DipBuyerTest, OldHighsExpireFromTheWindow) {
    // The high 2,000,100 was current until 1 s, so it counts until 11 s (window 10 s).
    auto before = started();
    feed(*before, 0, 1'000'000, 1'000'100);
    feed(*before, 1 * kSecond, 999'600, 999'700);
    feed(*before, 11 * kSecond - 1, 999'500, 999'600);  // still in the window: 5 ticks → entry
    ASSERT_EQ(ctx.calls.size(), 1u);
    EXPECT_EQ(before->rolling_high().high(11 * kSecond - 1), 2'000'100);

    FakeContext other{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};
    DipBuyer after(dip_params());
    ASSERT_TRUE(after.start(other).is_ok());
    auto quote = [&](Timestamp t, std::int64_t bid, std::int64_t ask) {
        other.clock = t;
        MarketEvent e;
        e.ts = t;
        e.instrument = 0;
        e.quote = {Price{bid}, Price{ask}, Quantity{500}, Quantity{500}};
        after.on_quote(e);
    };
    quote(0, 1'000'000, 1'000'100);
    quote(1 * kSecond, 999'600, 999'700);
    // At 11 s the old high is gone; the high is now 1,999,300 (current until 11 s): 200 below = 1 tick.
    quote(11 * kSecond, 999'500, 999'600);
    EXPECT_TRUE(other.calls.empty());
    EXPECT_EQ(after.rolling_high().high(11 * kSecond), 1'999'300);
}

TEST_F(DipBuyerTest, MarketEntryWhenConfigured) {
    auto s = started(dip_params({{"entry_order", std::string("market")}}));
    enter(*s);
    expect_order(0, Side::Buy, OrderType::Market, 0, 10);
}

TEST_F(DipBuyerTest, TakeProfitSellsEverythingAtTheBid) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 10, 10));  // cost 9,996,000 for 10 at 99.96
    EXPECT_EQ(s->held().raw, 10);
    // Take profit when bid × 10 ≥ 9,996,000 + 4 ticks × 100 × 10 = 10,000,000, i.e. bid ≥ 100.00.
    feed(*s, 4 * kSecond, 999'900, 1'000'000);  // 9,999,000: not yet
    EXPECT_EQ(ctx.calls.size(), 1u);
    feed(*s, 5 * kSecond, 1'000'000, 1'000'100);  // 10,000,000: sell 10 at 100.00
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 1'000'000, 10);
    EXPECT_EQ(s->exit_reason(), ExitReason::TakeProfit);
    s->on_order_update(fill(2, Side::Sell, 1'000'000, 10, 10));
    EXPECT_EQ(s->held().raw, 0);
    EXPECT_EQ(ctx.counter_value("exits_take_profit"), 1);
    EXPECT_EQ(ctx.counter_value("entries"), 1);
}

TEST_F(DipBuyerTest, StopLossSellsEverythingAtTheBid) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 10, 10));
    // Stop when bid × 10 ≤ 9,996,000 − 3 × 100 × 10 = 9,993,000, i.e. bid ≤ 99.93.
    feed(*s, 4 * kSecond, 999'400, 999'500);  // 9,994,000: not yet
    EXPECT_EQ(ctx.calls.size(), 1u);
    feed(*s, 5 * kSecond, 999'300, 999'400);  // 9,993,000: sell 10 at 99.93
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 999'300, 10);
    EXPECT_EQ(s->exit_reason(), ExitReason::StopLoss);
    s->on_order_update(fill(2, Side::Sell, 999'300, 10, 10));
    EXPECT_EQ(ctx.counter_value("exits_stop_loss"), 1);
}

TEST_F(DipBuyerTest, TargetsUseTheAverageOfSeveralEntryFills) {
    auto s = started(dip_params({{"entry_order", std::string("market")}}));
    enter(*s);
    // 6 at 99.96 + 4 at 99.97: cost 5,997,600 + 3,998,800 = 9,996,400 (average 99.964).
    s->on_order_update(fill(1, Side::Buy, 999'600, 6, 6));
    s->on_order_update(fill(1, Side::Buy, 999'700, 4, 10));
    EXPECT_EQ(s->held().raw, 10);
    // Take profit when bid × 10 ≥ 9,996,400 + 4,000 = 10,000,400, i.e. bid ≥ 100.004 → 100.01.
    feed(*s, 4 * kSecond, 1'000'000, 1'000'100);  // 10,000,000 < 10,000,400
    EXPECT_EQ(ctx.calls.size(), 1u);
    feed(*s, 5 * kSecond, 1'000'100, 1'000'200);  // 10,001,000
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 1'000'100, 10);
}

TEST_F(DipBuyerTest, TimeoutTimerSellsAtTheCurrentBid) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 10, 10));  // in the position at 3 s
    ASSERT_EQ(ctx.timers.size(), 1u);
    EXPECT_EQ(ctx.timers[0].at, 33 * kSecond);  // 3 s + timeout 30 s
    const std::uint64_t token = ctx.timers[0].token;

    feed(*s, 20 * kSecond, 999'700, 999'800);  // between stop (99.93) and target (100.00): hold
    EXPECT_EQ(ctx.calls.size(), 1u);
    s->on_timer({33 * kSecond, token + 1});  // not our timer
    EXPECT_EQ(ctx.calls.size(), 1u);
    ctx.clock = 33 * kSecond;
    s->on_timer({33 * kSecond, token});  // sell 10 at the bid the strategy sees, 99.97
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 999'700, 10);
    EXPECT_EQ(s->exit_reason(), ExitReason::Timeout);
    s->on_order_update(fill(2, Side::Sell, 999'700, 10, 10));
    EXPECT_EQ(ctx.counter_value("exits_timeout"), 1);
    s->on_timer({33 * kSecond, token});  // a duplicate of an old timer does nothing
    EXPECT_EQ(ctx.calls.size(), 2u);
}

TEST_F(DipBuyerTest, CooldownBlocksEntriesAfterAnExit) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 10, 10));
    feed(*s, 5 * kSecond, 1'000'000, 1'000'100);  // take profit → sell id 2
    ASSERT_EQ(ctx.calls.size(), 2u);
    s->on_order_update(fill(2, Side::Sell, 1'000'000, 10, 10));  // flat at 5 s → cooldown until 10 s

    // The 2,000,100 mid is current again since 5 s. A 5-tick dip at 9.9 s is inside the cooldown.
    feed(*s, 9'900 * kMs, 999'500, 999'600);
    EXPECT_EQ(ctx.calls.size(), 2u);
    // At 10 s the cooldown is over and the same dip (high current until 9.9 s) still holds.
    feed(*s, 10 * kSecond, 999'500, 999'600);
    ASSERT_EQ(ctx.calls.size(), 3u);
    expect_order(2, Side::Buy, OrderType::Limit, 999'600, 10);
}

TEST_F(DipBuyerTest, PartialFillsOnEntryAndExit) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 6, 6));             // IOC: 6 of 10 filled...
    s->on_order_update(update(1, Side::Buy, OrderStatus::Cancelled));  // ...the rest cancelled
    EXPECT_EQ(s->held().raw, 6);
    EXPECT_EQ(s->working_order(), kNoOrder);

    // Target for 6 bought at 99.96: bid × 6 ≥ 5,997,600 + 4 × 100 × 6 = 6,000,000 → bid 100.00.
    feed(*s, 4 * kSecond, 1'000'000, 1'000'100);
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 1'000'000, 6);  // the whole position, not order_size
    s->on_order_update(fill(2, Side::Sell, 1'000'000, 4, 4, 6));
    s->on_order_update(update(2, Side::Sell, OrderStatus::Cancelled, 6));
    EXPECT_EQ(s->held().raw, 2);

    // The exit stays triggered: the next quote sells the remaining 2 at the new bid, 99.99.
    feed(*s, 5 * kSecond, 999'900, 1'000'000);
    ASSERT_EQ(ctx.calls.size(), 3u);
    expect_order(2, Side::Sell, OrderType::Limit, 999'900, 2);
    s->on_order_update(fill(3, Side::Sell, 999'900, 2, 2, 2));
    EXPECT_EQ(s->held().raw, 0);
    EXPECT_EQ(ctx.counter_value("exits_take_profit"), 1);
    EXPECT_EQ(s->exit_reason(), ExitReason::None);
}

TEST_F(DipBuyerTest, RejectionsAndEmptyFillsBackOff) {
    auto s = started();
    enter(*s);  // id 1 at 3 s
    OrderUpdate rej = update(1, Side::Buy, OrderStatus::Rejected);
    rej.reason = RejectReason::RiskRule;
    s->on_order_update(rej);  // back off until 4 s
    EXPECT_EQ(ctx.counter_value("rejects"), 1);
    feed(*s, 3'500 * kMs, 999'500, 999'600);
    EXPECT_EQ(ctx.calls.size(), 1u);
    feed(*s, 4 * kSecond, 999'500, 999'600);  // dip still there (high until 11 s): id 2
    ASSERT_EQ(ctx.calls.size(), 2u);

    s->on_order_update(update(2, Side::Buy, OrderStatus::Accepted));
    s->on_order_update(update(2, Side::Buy, OrderStatus::Cancelled));  // IOC found nothing: wait until 5 s
    feed(*s, 4'500 * kMs, 999'500, 999'600);
    EXPECT_EQ(ctx.calls.size(), 2u);

    ctx.refuse_submits = true;  // refused at once by the host at 5 s: back off until 6 s
    feed(*s, 5 * kSecond, 999'500, 999'600);
    EXPECT_EQ(ctx.counter_value("rejects"), 2);
    ctx.refuse_submits = false;
    feed(*s, 5'500 * kMs, 999'500, 999'600);
    EXPECT_EQ(ctx.calls.size(), 2u);
    feed(*s, 6 * kSecond, 999'500, 999'600);
    ASSERT_EQ(ctx.calls.size(), 3u);
    expect_order(2, Side::Buy, OrderType::Limit, 999'600, 10);
}

TEST_F(DipBuyerTest, SnapshotRoundTripKeepsThePositionWindowAndTimeout) {
    auto s = started();
    enter(*s);
    s->on_order_update(fill(1, Side::Buy, 999'600, 6, 6));
    s->on_order_update(update(1, Side::Buy, OrderStatus::Cancelled));
    ASSERT_EQ(ctx.timers.size(), 1u);  // 33 s
    const std::vector<std::byte> bytes = s->snapshot();

    DipBuyer next(dip_params());
    ASSERT_TRUE(next.restore(bytes).is_ok());
    EXPECT_EQ(next.snapshot(), bytes);
    ASSERT_TRUE(next.start(ctx).is_ok());
    EXPECT_EQ(next.held().raw, 6);
    EXPECT_EQ(next.rolling_high().size(), s->rolling_high().size());
    EXPECT_EQ(next.rolling_high().high(3 * kSecond), 2'000'100);
    // The timeout is re-armed for the same deadline and token, so whichever copy fires first wins.
    ASSERT_EQ(ctx.timers.size(), 2u);
    EXPECT_EQ(ctx.timers[1].at, 33 * kSecond);
    EXPECT_EQ(ctx.timers[1].token, ctx.timers[0].token);

    // It trades on from the restored state: target for 6 at 99.96 is bid 100.00.
    feed(next, 4 * kSecond, 1'000'000, 1'000'100);
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_order(1, Side::Sell, OrderType::Limit, 1'000'000, 6);

    DipBuyer msft(dip_params({{"symbol", std::string("MSFT")}}));
    const Status wrong = msft.restore(bytes);
    EXPECT_NE(wrong.message.find("'AMZN'"), std::string::npos) << wrong.message;
    std::vector<std::byte> truncated(bytes.begin(), bytes.end() - 1);
    EXPECT_NE(DipBuyer(dip_params()).restore(truncated).message.find("truncated"), std::string::npos);
}

TEST_F(DipBuyerTest, ConfigurationErrorsAreExplained) {
    try {
        DipBuyer bad(dip_params({{"entry_order", std::string("limt")}}));
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'limit'"), std::string::npos) << e.what();
    }
    DipBuyer odd(dip_params({{"order_size", 2.5}}));
    const Status st = odd.start(ctx);
    EXPECT_EQ(st.code, StatusCode::InvalidArgument);
    EXPECT_NE(st.message.find("decimals"), std::string::npos) << st.message;
}
