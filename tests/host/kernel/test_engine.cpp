#include <gtest/gtest.h>

#include "engine_rig.hpp"

using namespace trellis;
using namespace trellis::host;
using fakes::quote;
using kernel_testing::Rig;

namespace {
OrderRequest limit_buy(std::int64_t px, std::int64_t qty) { return kernel_testing::limit(Side::Buy, px, qty); }
}  // namespace

TEST(Engine, AppliesEachLatencyOnItsLeg) {
    Rig rig(LatencyConfig{10, 5, 7});
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) s.ctx->submit(limit_buy(100, 1));
    };
    rig.run({quote(1000, 100, 101), quote(2000, 100, 102)});
    // The venue sees market data at exchange time.
    ASSERT_EQ(rig.venue.market.size(), 2u);
    EXPECT_EQ(rig.venue.market[0].first, 1000);
    // The strategy sees it 10 ns later, submits; the venue gets it 5 ns after that;
    // the ack reaches the strategy 7 ns after the venue sent it.
    ASSERT_EQ(rig.strategy.quotes.size(), 2u);
    EXPECT_EQ(rig.strategy.quotes[0].now, 1010);
    ASSERT_EQ(rig.venue.submitted.size(), 1u);
    EXPECT_EQ(rig.venue.submitted[0].first, 1015);
    ASSERT_EQ(rig.strategy.updates.size(), 1u);
    EXPECT_EQ(rig.strategy.updates[0].first, 1022);
    EXPECT_EQ(rig.strategy.updates[0].second.status, OrderStatus::Accepted);
}

TEST(Engine, FillsReachPortfolioBeforeTheStrategy) {
    Rig rig;
    rig.venue.on_submit = [](fakes::ScriptedVenue& v, const Order& o) {
        v.report(o, OrderStatus::Accepted);
        v.report(o, OrderStatus::Filled, o.request.qty.raw, o.request.price.raw, 3, o.request.qty.raw);
    };
    Quantity seen_position;
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) s.ctx->submit(limit_buy(101, 5));
    };
    rig.strategy.on_update_script = [&](fakes::RecordingStrategy& s, const OrderUpdate& u) {
        if (u.is_fill()) seen_position = s.ctx->position(0).qty;
    };
    rig.run({quote(1000, 100, 101), quote(2000, 104, 106)});
    EXPECT_EQ(seen_position.raw, 5);
    const auto& acct = rig.engine.portfolio().account(0);
    EXPECT_EQ(acct.position.raw, 5);
    EXPECT_EQ(acct.cash, -5 * 101 - 3);
    EXPECT_EQ(acct.fees, 3);
    // Marked at the last mid (104+106)/2 = 105: equity = cash + 5*105.
    EXPECT_EQ(acct.equity(rig.engine.market().mark(0)), -5 * 101 - 3 + 5 * 105);
    EXPECT_EQ(rig.engine.orders().counters().filled, 1u);
    EXPECT_EQ(rig.engine.stats().events, 2u);
}

TEST(Engine, RiskRejectionNamesTheRuleAndNeverReachesTheVenue) {
    Rig rig;
    fakes::ProgrammableRule rule;
    rule.verdict = [](const OrderIntent& i) {
        return i.request.qty.raw > 10 ? RiskDecision::reject("qty 50 > 10") : RiskDecision::pass();
    };
    rig.engine.add_risk_rule("max_qty", rule);
    OrderId returned = 99;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        returned = s.ctx->submit(limit_buy(100, 50));
    };
    rig.run({quote(1000, 100, 101)});
    EXPECT_EQ(returned, kNoOrder);
    EXPECT_TRUE(rig.venue.submitted.empty());
    ASSERT_EQ(rig.strategy.updates.size(), 1u);
    const OrderUpdate& u = rig.strategy.updates[0].second;
    EXPECT_EQ(u.status, OrderStatus::Rejected);
    EXPECT_EQ(u.reason, RejectReason::RiskRule);
    EXPECT_EQ(u.text.view(), "max_qty: qty 50 > 10");
    EXPECT_EQ(rig.engine.risk_chain().entries()[0].rejections, 1u);
    EXPECT_EQ(rig.engine.orders().counters().rejected, 1u);
}

TEST(Engine, TimersFireInOrderAndEndOfDataDoesNotSpinForever) {
    Rig rig;
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) {
            s.ctx->set_timer(1500, 2);
            s.ctx->set_timer(1200, 1);
            s.ctx->set_timer(1'000'000, 3);  // after the data ends: dropped
        }
    };
    rig.run({quote(1000, 100, 101), quote(2000, 100, 101)});
    ASSERT_EQ(rig.strategy.timers.size(), 2u);
    EXPECT_EQ(rig.strategy.timers[0].second.token, 1u);
    EXPECT_EQ(rig.strategy.timers[0].first, 1200);
    EXPECT_EQ(rig.strategy.timers[1].second.token, 2u);
    // The second quote comes after both timers.
    EXPECT_EQ(rig.strategy.quotes[1].now, 2000);
}

TEST(Engine, CancelGoesToVenueAndOnlyForOwnLiveOrders) {
    Rig rig;
    OrderId id = kNoOrder;
    bool second_cancel = true;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) id = s.ctx->submit(limit_buy(100, 1));
        if (s.quotes.size() == 2) {
            EXPECT_TRUE(s.ctx->cancel(id));
            EXPECT_FALSE(s.ctx->cancel(12345));
        }
        if (s.quotes.size() == 3) second_cancel = s.ctx->cancel(id);
    };
    rig.run({quote(1000, 100, 101), quote(2000, 100, 101), quote(3000, 100, 101)});
    ASSERT_EQ(rig.venue.cancels.size(), 1u);
    EXPECT_FALSE(second_cancel);  // already cancelled
    EXPECT_EQ(rig.engine.orders().counters().cancelled, 1u);
    EXPECT_EQ(rig.engine.orders().open_orders(), 0u);
}
