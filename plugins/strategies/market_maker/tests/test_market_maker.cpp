// The market maker driven through FakeContext, with every expected price
// worked out by hand in the comments.
//
// Common setup: AMZN, price_decimals 4, tick 0.01 = 100 raw, lot 1 share.
// order_size 100 shares, γ = 0.1, κ = 1, τ = horizon_s = 10 s, σ₀ = 1 tick/√s,
// volatility half-life 10 s, half_spread_ticks 1, requote_ticks 1, back-off 0.1 s.
//   γτ = 1;  liquidity term (2/γ)·ln(1 + γ/κ) = 20 × ln 1.1 = 1.9062036
//   with σ² = 1: δ/2 = (1 + 1.9062036) / 2 = 1.4531018 ticks
// Book 220.00 / 220.02 → mid = 22001 ticks.
#include <gtest/gtest.h>

#include <stdexcept>

#include "fake_context.hpp"
#include "market_maker.hpp"
#include "schema_defaults.hpp"
#include "strategy_events.hpp"

using namespace trellis;
using trellis::fakes::FakeContext;
using trellis::market_maker::MarketMaker;
using trellis::market_maker::QuoteSlot;
using Kind = FakeContext::Call::Kind;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000 * kMs;

Params mm_params(fakes::ParamOverrides extra = {}) {
    return fakes::params_with_defaults(market_maker::kParams,
                                       {{"symbol", std::string("AMZN")},
                                        {"order_size", 100.0},
                                        {"max_inventory", 1000.0},
                                        {"gamma", 0.1},
                                        {"kappa", 1.0},
                                        {"horizon_s", 10.0},
                                        {"volatility_halflife_s", 10.0},
                                        {"initial_volatility_ticks", 1.0},
                                        {"half_spread_ticks", std::int64_t{1}},
                                        {"requote_ticks", std::int64_t{1}},
                                        {"reject_backoff_s", 0.1}},
                                       extra);
}

MarketEvent quote(Timestamp ts, std::int64_t bid, std::int64_t ask, std::int64_t bid_qty = 500,
                  std::int64_t ask_qty = 500) {
    return fakes::quote_event(ts, bid, ask, bid_qty, ask_qty);
}

// Every quote is for order_size = 100 shares unless a test says otherwise.
OrderUpdate update(OrderId id, Side side, OrderStatus status) { return fakes::order_update(id, side, status, 100); }
OrderUpdate fill(OrderId id, Side side, std::int64_t price, std::int64_t last_qty, std::int64_t filled,
                 std::int64_t total = 100) {
    return fakes::fill_update(id, side, price, last_qty, filled, total);
}

class MarketMakerTest : public ::testing::Test {
protected:
    FakeContext ctx{{fakes::make_instrument(0, "AMZN", 4, 0, 100, 1)}};

    std::unique_ptr<MarketMaker> started(Params p = mm_params(), std::int64_t position = 0) {
        ctx.set_position(0, PositionView{Quantity{position}});
        auto mm = std::make_unique<MarketMaker>(p);
        const Status s = mm->start(ctx);
        EXPECT_TRUE(s.is_ok()) << s.message;
        return mm;
    }

    void expect_submit(std::size_t i, Side side, std::int64_t price, std::int64_t qty = 100) {
        ASSERT_LT(i, ctx.calls.size());
        const auto& c = ctx.calls[i];
        EXPECT_EQ(c.kind, Kind::Submit) << "call " << i;
        EXPECT_EQ(c.request.side, side) << "call " << i;
        EXPECT_EQ(c.request.type, OrderType::Limit) << "call " << i;
        EXPECT_EQ(c.request.tif, TimeInForce::PostOnly) << "call " << i;
        EXPECT_EQ(c.request.instrument, 0) << "call " << i;
        EXPECT_EQ(c.request.price.raw, price) << "call " << i;
        EXPECT_EQ(c.request.qty.raw, qty) << "call " << i;
    }
    void expect_replace(std::size_t i, OrderId id, std::int64_t price, std::int64_t qty = 100) {
        ASSERT_LT(i, ctx.calls.size());
        const auto& c = ctx.calls[i];
        EXPECT_EQ(c.kind, Kind::Replace) << "call " << i;
        EXPECT_EQ(c.id, id) << "call " << i;
        EXPECT_EQ(c.request.price.raw, price) << "call " << i;
        EXPECT_EQ(c.request.qty.raw, qty) << "call " << i;
    }
};

}  // namespace

TEST_F(MarketMakerTest, FirstQuotesAtTheExactFormulaPrices) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    // r = 22001; bid = floor(22001 − 1.4531018) = 21999 → 219.99; ask = ceil(22002.4531018) = 22003 → 220.03.
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'199'900);
    expect_submit(1, Side::Sell, 2'200'300);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::PendingNew);
    EXPECT_EQ(ctx.counter_value("quotes_submitted"), 2);
}

TEST_F(MarketMakerTest, HigherVolatilityWidensTheQuotes) {
    // σ₀ = 2 → σ² = 4: δ/2 = (4 + 1.9062036) / 2 = 2.9531018.
    // bid = floor(22001 − 2.9531018) = 21998, ask = ceil(22003.9531018) = 22004.
    auto mm = started(mm_params({{"initial_volatility_ticks", 2.0}}));
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'199'800);
    expect_submit(1, Side::Sell, 2'200'400);
}

TEST_F(MarketMakerTest, LongInventoryMovesBothQuotesDown) {
    // Long 200 shares = q 2 clips: r = 22001 − 2 × γτσ² = 22001 − 2 = 21999.
    // bid = floor(21999 − 1.4531018) = 21997, ask = ceil(22000.4531018) = 22001: both 2 ticks below flat.
    auto mm = started(mm_params(), 200);
    EXPECT_EQ(mm->inventory().raw, 200);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'199'700);
    expect_submit(1, Side::Sell, 2'200'100);
}

TEST_F(MarketMakerTest, ShortInventoryMovesBothQuotesUpButNeverCrosses) {
    // Short 500 = q −5: r = 22001 + 5 = 22006. bid = floor(22004.5469) = 22004, but the best ask
    // is 22002, so the bid is pinned at 22002 − 1 = 22001. ask = ceil(22007.4531) = 22008.
    auto mm = started(mm_params(), -500);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'200'100);
    expect_submit(1, Side::Sell, 2'200'800);
}

TEST_F(MarketMakerTest, MaxInventorySuppressesTheBid) {
    // max 300, long 300 (q 3): a bid fill would make 400 > 300 → no bid.
    // r = 22001 − 3 = 21998; ask = ceil(21999.4531) = 22000, at the best bid → pinned to 22001.
    auto mm = started(mm_params({{"max_inventory", 300.0}}), 300);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 1u);
    expect_submit(0, Side::Sell, 2'200'100);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Empty);
}

TEST_F(MarketMakerTest, BidAllowedWhenAFullFillLandsExactlyOnTheLimit) {
    // max 300, long 200: 200 + 100 = 300 ≤ 300 → both sides quote.
    // q 2: bid 21997, ask 22001 (as in LongInventoryMovesBothQuotesDown).
    auto mm = started(mm_params({{"max_inventory", 300.0}}), 200);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'199'700);
    expect_submit(1, Side::Sell, 2'200'100);
}

TEST_F(MarketMakerTest, ShortLimitSuppressesTheAsk) {
    // max 300, short 300: an ask fill would make −400 → no ask. r = 22004, bid = floor(22002.5469) = 22002,
    // pinned below the best ask 22002 → 22001.
    auto mm = started(mm_params({{"max_inventory", 300.0}}), -300);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 1u);
    expect_submit(0, Side::Buy, 2'200'100);
}

TEST_F(MarketMakerTest, RequotesOnlyBeyondTheThresholdWithReplace) {
    // requote_ticks 2. λ = ln2/10 = 0.0693147, e^(−λ·1s) = 0.9330330.
    auto mm = started(mm_params({{"requote_ticks", std::int64_t{2}}}));
    mm->on_quote(quote(0, 2'200'000, 2'200'200));  // bid 21999 (id 1), ask 22003 (id 2)
    ASSERT_EQ(ctx.calls.size(), 2u);
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));

    // t = 1 s, mid 22002 (+1): σ² = 1 × 0.9330330 + 0.0693147 × 1 = 1.0023477.
    // δ/2 = (1.0023477 + 1.9062036)/2 = 1.4542757 → bid 22000, ask 22004: 1 tick from 21999/22003 < 2.
    ctx.clock = 1 * kSecond;
    mm->on_quote(quote(1 * kSecond, 2'200'100, 2'200'300));
    EXPECT_EQ(ctx.calls.size(), 2u);
    EXPECT_NEAR(mm->sigma_ticks() * mm->sigma_ticks(), 1.0023477, 1e-6);

    // t = 2 s, mid 22003: σ² = 1.0023477 × 0.9330330 + 0.0693147 = 1.0045382.
    // δ/2 = (1.0045382 + 1.9062036)/2 = 1.4553709 → bid floor(22001.5446) = 22001,
    // ask ceil(22004.4554) = 22005: both 2 ticks away → replace, same total quantity.
    ctx.clock = 2 * kSecond;
    mm->on_quote(quote(2 * kSecond, 2'200'200, 2'200'400));
    EXPECT_NEAR(mm->sigma_ticks() * mm->sigma_ticks(), 1.0045382, 1e-6);
    ASSERT_EQ(ctx.calls.size(), 4u);
    expect_replace(2, 1, 2'200'100);
    expect_replace(3, 2, 2'200'500);
    EXPECT_EQ(ctx.counter_value("quotes_replaced"), 2);

    // While the replaces are in flight nothing more is sent, even if the market moves again.
    ctx.clock = 3 * kSecond;
    mm->on_quote(quote(3 * kSecond, 2'200'500, 2'200'700));
    EXPECT_EQ(ctx.calls.size(), 4u);

    // The venue confirms: the slots take the new prices.
    OrderUpdate r = update(1, Side::Buy, OrderStatus::Replaced);
    r.price = Price{2'200'100};
    r.qty = Quantity{100};
    mm->on_order_update(r);
    EXPECT_EQ(mm->bid().price.raw, 2'200'100);
    EXPECT_FALSE(mm->bid().busy());
}

TEST_F(MarketMakerTest, NoQuotesOnAOneSidedOrCrossedBook) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200, 500, 0));  // no asks
    mm->on_quote(quote(0, 2'200'000, 2'200'200, 0, 500));  // no bids
    mm->on_quote(quote(0, 2'200'200, 2'200'200));          // locked
    EXPECT_TRUE(ctx.calls.empty());

    // Two-sided: quotes go out; once live, a one-sided book pulls both.
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));
    mm->on_quote(quote(0, 2'200'000, 2'200'200, 500, 0));
    ASSERT_EQ(ctx.calls.size(), 4u);
    EXPECT_EQ(ctx.calls[2].kind, Kind::Cancel);
    EXPECT_EQ(ctx.calls[2].id, 1u);
    EXPECT_EQ(ctx.calls[3].kind, Kind::Cancel);
    EXPECT_EQ(ctx.calls[3].id, 2u);
    // Cancelled updates free the slots.
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Cancelled));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Cancelled));
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Empty);
    EXPECT_EQ(mm->ask().state, QuoteSlot::State::Empty);
}

TEST_F(MarketMakerTest, FillsUpdateInventoryAndTheNextQuotes) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));  // bid 21999 (id 1), ask 22003 (id 2)
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));

    mm->on_order_update(fill(1, Side::Buy, 2'199'900, 40, 40));  // partial: +40
    EXPECT_EQ(mm->inventory().raw, 40);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Live);
    EXPECT_EQ(mm->bid().remaining().raw, 60);

    mm->on_order_update(fill(1, Side::Buy, 2'199'900, 60, 100));  // rest: +60 → 100
    EXPECT_EQ(mm->inventory().raw, 100);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Empty);
    EXPECT_EQ(ctx.counter_value("fills"), 2);

    // Same book, q = 1: r = 22000 → bid floor(21998.5469) = 21998 (new order, id 3);
    // ask ceil(22001.4531) = 22002, 1 tick from the live 22003 → replace.
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 4u);
    expect_submit(2, Side::Buy, 2'199'800);
    expect_replace(3, 2, 2'200'200);

    // A sell fill brings inventory back to flat.
    mm->on_order_update(fill(2, Side::Sell, 2'200'200, 100, 100));
    EXPECT_EQ(mm->inventory().raw, 0);
    EXPECT_EQ(mm->ask().state, QuoteSlot::State::Empty);
}

TEST_F(MarketMakerTest, PartialFillNearTheLimitKeepsTheRestingBid) {
    // max 200, start long 100: bid exposure 100 → 200 ≤ 200, quoted. A 40 partial fill makes
    // inventory 140 with 60 left: 140 + 60 = 200 still within the limit, so the bid is not cancelled.
    auto mm = started(mm_params({{"max_inventory", 200.0}}), 100);
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));
    mm->on_order_update(fill(1, Side::Buy, 2'199'800, 40, 40));
    const std::size_t before = ctx.calls.size();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    for (std::size_t i = before; i < ctx.calls.size(); ++i) EXPECT_NE(ctx.calls[i].kind, Kind::Cancel) << "call " << i;
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Live);
}

TEST_F(MarketMakerTest, RejectedQuoteBacksOffAndRetriesOnALaterQuote) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    OrderUpdate rej = update(1, Side::Buy, OrderStatus::Rejected);
    rej.reason = RejectReason::PostOnlyWouldTake;
    mm->on_order_update(rej);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Empty);
    EXPECT_EQ(ctx.calls.size(), 2u) << "no retry from inside the update";
    EXPECT_EQ(ctx.counter_value("rejects"), 1);

    ctx.clock = 50 * kMs;  // inside the 100 ms back-off
    mm->on_quote(quote(50 * kMs, 2'200'000, 2'200'200));
    EXPECT_EQ(ctx.calls.size(), 2u);

    ctx.clock = 100 * kMs;  // back-off over: the bid goes out again at 21999
    mm->on_quote(quote(100 * kMs, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 3u);
    expect_submit(2, Side::Buy, 2'199'900);
}

TEST_F(MarketMakerTest, RefusedSubmitBacksOffInsteadOfLooping) {
    auto mm = started();
    ctx.refuse_submits = true;
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    EXPECT_EQ(ctx.counter_value("rejects"), 2);  // one attempt per side
    ctx.clock = 50 * kMs;
    mm->on_quote(quote(50 * kMs, 2'200'000, 2'200'200));
    EXPECT_EQ(ctx.counter_value("rejects"), 2) << "no attempt during the back-off";
    // The host's Rejected update for the refused order carries no id of ours: ignored.
    mm->on_order_update(update(kNoOrder, Side::Buy, OrderStatus::Rejected));
    EXPECT_EQ(ctx.counter_value("rejects"), 2);

    ctx.refuse_submits = false;
    ctx.clock = 100 * kMs;
    mm->on_quote(quote(100 * kMs, 2'200'000, 2'200'200));
    ASSERT_EQ(ctx.calls.size(), 2u);
    expect_submit(0, Side::Buy, 2'199'900);
    expect_submit(1, Side::Sell, 2'200'300);
}

TEST_F(MarketMakerTest, CancelRejectedKeepsOrForgetsTheOrderByReason) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));  // bid 21999 (id 1), ask 22003 (id 2)
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));

    // Market up 1 tick at t = 1 s → bid 22000, ask 22004 (see the requote test): both replaced.
    ctx.clock = 1 * kSecond;
    mm->on_quote(quote(1 * kSecond, 2'200'100, 2'200'300));
    ASSERT_EQ(ctx.calls.size(), 4u);
    expect_replace(2, 1, 2'200'000);
    expect_replace(3, 2, 2'200'400);

    // The bid's replace is refused by a risk rule: the order stays at 21999, back off 100 ms.
    OrderUpdate refused = update(1, Side::Buy, OrderStatus::CancelRejected);
    refused.reason = RejectReason::RiskRule;
    mm->on_order_update(refused);
    EXPECT_EQ(mm->bid().state, QuoteSlot::State::Live);
    EXPECT_EQ(mm->bid().price.raw, 2'199'900);
    EXPECT_FALSE(mm->bid().busy());
    EXPECT_EQ(ctx.counter_value("cancel_rejects"), 1);

    // The ask's replace comes too late: the order already filled and is gone.
    OrderUpdate late = update(2, Side::Sell, OrderStatus::CancelRejected);
    late.reason = RejectReason::TooLateToCancel;
    mm->on_order_update(late);
    EXPECT_EQ(mm->ask().state, QuoteSlot::State::Empty);

    // Within the back-off: no new bid replace, but the empty ask side is quoted again (id 3).
    ctx.clock = 1 * kSecond + 50 * kMs;
    mm->on_quote(quote(ctx.clock, 2'200'100, 2'200'300));
    ASSERT_EQ(ctx.calls.size(), 5u);
    expect_submit(4, Side::Sell, 2'200'400);

    // After the back-off the bid is replaced again.
    ctx.clock = 1 * kSecond + 100 * kMs;
    mm->on_quote(quote(ctx.clock, 2'200'100, 2'200'300));
    ASSERT_EQ(ctx.calls.size(), 6u);
    expect_replace(5, 1, 2'200'000);
}

TEST_F(MarketMakerTest, SnapshotRoundTripCarriesOrdersVolatilityAndInventory) {
    auto mm = started();
    mm->on_quote(quote(0, 2'200'000, 2'200'200));
    mm->on_order_update(update(1, Side::Buy, OrderStatus::Accepted));
    mm->on_order_update(update(2, Side::Sell, OrderStatus::Accepted));
    mm->on_order_update(fill(1, Side::Buy, 2'199'900, 40, 40));
    ctx.clock = 1 * kSecond;
    mm->on_quote(quote(1 * kSecond, 2'200'100, 2'200'300));  // σ² → 1.0023477, replaces in flight
    const std::vector<std::byte> bytes = mm->snapshot();

    // A new instance takes over (the account position the host reports is irrelevant once restored).
    auto next = std::make_unique<MarketMaker>(mm_params());
    ASSERT_TRUE(next->restore(bytes).is_ok());
    ctx.set_position(0, PositionView{Quantity{999}});
    ASSERT_TRUE(next->start(ctx).is_ok());
    EXPECT_EQ(next->snapshot(), bytes);
    EXPECT_EQ(next->inventory().raw, 40);
    EXPECT_DOUBLE_EQ(next->sigma_ticks(), mm->sigma_ticks());
    EXPECT_EQ(next->bid().id, 1u);
    EXPECT_EQ(next->bid().filled.raw, 40);
    EXPECT_TRUE(next->bid().request_pending);
    EXPECT_EQ(next->ask().id, 2u);

    // It keeps managing the adopted orders: the replace confirmation lands on them.
    OrderUpdate r = update(2, Side::Sell, OrderStatus::Replaced);
    r.price = Price{2'200'400};
    r.qty = Quantity{100};
    next->on_order_update(r);
    EXPECT_EQ(next->ask().price.raw, 2'200'400);
}

TEST_F(MarketMakerTest, RestoreRefusesForeignOrDamagedSnapshots) {
    auto mm = started();
    const std::vector<std::byte> good = mm->snapshot();

    MarketMaker other_symbol(mm_params({{"symbol", std::string("MSFT")}}));
    const Status wrong = other_symbol.restore(good);
    EXPECT_FALSE(wrong.is_ok());
    EXPECT_NE(wrong.message.find("'AMZN'"), std::string::npos) << wrong.message;

    MarketMaker fresh(mm_params());
    std::vector<std::byte> truncated(good.begin(), good.end() - 3);
    EXPECT_NE(fresh.restore(truncated).message.find("truncated"), std::string::npos);

    std::vector<std::byte> future = good;
    future[4] = std::byte{2};  // layout version 2
    EXPECT_NE(fresh.restore(future).message.find("version 2"), std::string::npos);

    std::vector<std::byte> foreign = good;
    foreign[0] = std::byte{'X'};
    EXPECT_NE(fresh.restore(foreign).message.find("not written by market_maker"), std::string::npos);

    EXPECT_TRUE(fresh.restore({}).is_ok());  // nothing to restore
}

TEST_F(MarketMakerTest, StartRefusesUnknownSymbolAndOddLots) {
    MarketMaker unknown(mm_params({{"symbol", std::string("AMZX")}}));
    const Status s = unknown.start(ctx);
    EXPECT_EQ(s.code, StatusCode::NotFound);
    EXPECT_NE(s.message.find("'AMZX'"), std::string::npos) << s.message;
    EXPECT_NE(s.message.find("known: AMZN"), std::string::npos) << s.message;

    FakeContext btc{{fakes::make_instrument(0, "BTCUSDT", 1, 3, 1, 1)}};  // lot 0.001 BTC
    MarketMaker odd(mm_params({{"symbol", std::string("BTCUSDT")}, {"order_size", 0.0015}}));
    const Status lot = odd.start(btc);
    EXPECT_EQ(lot.code, StatusCode::InvalidArgument);
    EXPECT_NE(lot.message.find("more than 3 decimals"), std::string::npos) << lot.message;

    FakeContext coarse{{fakes::make_instrument(0, "BTCUSDT", 1, 3, 1, 10)}};  // lot 0.01 BTC
    MarketMaker off_lot(mm_params({{"symbol", std::string("BTCUSDT")}, {"order_size", 0.015}}));
    const Status l2 = off_lot.start(coarse);
    EXPECT_EQ(l2.code, StatusCode::InvalidArgument);
    EXPECT_NE(l2.message.find("params.order_size = 0.015 is not a whole number of BTCUSDT lots (lot size 0.01); "
                              "use a multiple of 0.01, e.g. 0.01 or 0.02"),
              std::string::npos)
        << l2.message;

    MarketMaker ok(mm_params({{"symbol", std::string("BTCUSDT")}, {"order_size", 0.02}, {"max_inventory", 0.1}}));
    EXPECT_TRUE(ok.start(coarse).is_ok());
}

TEST(MarketMakerConfig, ConstructorRefusesInconsistentParams) {
    try {
        MarketMaker mm(mm_params({{"max_inventory", 50.0}}));
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("max_inventory"), std::string::npos) << e.what();
    }
}
