// Kill switch, risk levels and their actions, strategy disable, and what the
// host tells risk rules about its own orders.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "engine_rig.hpp"
#include "kernel/kill_file_watcher.hpp"

using namespace trellis;
using namespace trellis::host;
using fakes::quote;
using kernel_testing::limit;

namespace {
// Every test here needs the rule and the alert sink.
struct Rig : kernel_testing::Rig {
    explicit Rig(LatencyConfig latency = {}) : kernel_testing::Rig(latency, With::RuleAndAlerts) {}
};

std::vector<MarketEvent> quotes(int n) {
    std::vector<MarketEvent> v;
    for (int i = 1; i <= n; ++i) v.push_back(quote(i * 1000, 100, 101));
    return v;
}
}  // namespace

TEST(KillSwitch, StopsOrderEntryAndCancelsEveryOpenOrder) {
    Rig rig(LatencyConfig{0, 10, 10});
    std::vector<OrderId> ids;
    OrderId after_kill = 99;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1)
            for (int i = 0; i < 3; ++i) ids.push_back(s.ctx->submit(limit(Side::Buy, 95 + i, 1)));
        if (s.quotes.size() == 2) rig.engine.kill_switch().request("operator pressed the button");
        if (s.quotes.size() == 3) after_kill = s.ctx->submit(limit(Side::Buy, 90, 1));
    };
    rig.run(quotes(4));

    const auto& report = rig.engine.kill_switch().report();
    ASSERT_TRUE(report.engaged);
    EXPECT_EQ(report.reason, "operator pressed the button");
    EXPECT_EQ(report.cancels_sent, 3u);
    EXPECT_EQ(report.orders_refused, 1u);
    EXPECT_GT(report.last_cancel_wall_ns, 0);
    EXPECT_GE(report.trigger_to_last_cancel_ns(), 0);
    // No order left the host after the kill; every open order was cancelled.
    EXPECT_EQ(after_kill, kNoOrder);
    EXPECT_EQ(rig.venue.submitted.size(), 3u);
    ASSERT_EQ(rig.venue.cancels.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(rig.venue.cancels[i].second, ids[i]);
    EXPECT_EQ(rig.engine.orders().open_orders(), 0u);
    EXPECT_EQ(rig.engine.risk_level(), RiskLevel::Halted);
    bool told = false;
    for (const auto& [t, u] : rig.strategy.updates) told |= u.reason == RejectReason::KillSwitch;
    EXPECT_TRUE(told) << "the refused order's rejection names the kill switch";
    // Operators hear about it.
    ASSERT_FALSE(rig.alerts.alerts.empty());
    EXPECT_EQ(rig.alerts.alerts.front().severity, AlertSeverity::Critical);
}

TEST(KillSwitch, StaysEngagedUntilReleased) {
    Rig rig;
    OrderId before_release = 1, after_release = kNoOrder;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) rig.engine.kill_switch().request("test");
        if (s.quotes.size() == 3) before_release = s.ctx->submit(limit(Side::Buy, 95, 1));
        if (s.quotes.size() == 4) {
            rig.engine.release_kill_switch();
            after_release = s.ctx->submit(limit(Side::Buy, 95, 1));
        }
    };
    rig.run(quotes(5));
    EXPECT_EQ(before_release, kNoOrder);
    EXPECT_NE(after_release, kNoOrder);
    EXPECT_FALSE(rig.engine.kill_switch().engaged());
    EXPECT_EQ(rig.engine.risk_level(), RiskLevel::Normal);
}

TEST(KillSwitch, KillFileIsNoticedWithinAPoll) {
    KillSwitch kill;
    const auto file = std::filesystem::temp_directory_path() / ("trellis-kill-" + std::to_string(::getpid()));
    std::filesystem::remove(file);
    {
        KillFileWatcher watcher(file, std::chrono::milliseconds(5), kill);
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        EXPECT_FALSE(kill.pending());
        std::ofstream(file) << "stop\n";
        for (int i = 0; i < 400 && !kill.pending(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_TRUE(kill.pending());
    }
    std::filesystem::remove(file);
    kill.engage(0);
    EXPECT_NE(kill.report().reason.find("kill file"), std::string::npos);
}

TEST(RiskLevels, HighIsReduceOnly) {
    Rig rig;
    rig.venue.on_submit = [](fakes::ScriptedVenue& v, const Order& o) {
        v.report(o, OrderStatus::Accepted);
        v.report(o, OrderStatus::Filled, o.request.qty.raw, o.request.price.raw, 0, o.request.qty.raw);
    };
    OrderId grow = 1, shrink = kNoOrder, overshoot = 1;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) s.ctx->submit(limit(Side::Buy, 101, 5));  // long 5
        if (s.quotes.size() == 2) {
            rig.rule.reported_level = RiskLevel::High;
            grow = s.ctx->submit(limit(Side::Buy, 101, 1));  // would grow: refused
        }
        if (s.quotes.size() == 3) overshoot = s.ctx->submit(limit(Side::Sell, 100, 6));  // past flat: refused
        if (s.quotes.size() == 4) shrink = s.ctx->submit(limit(Side::Sell, 100, 5));     // to flat: passes
    };
    rig.run(quotes(5));
    EXPECT_EQ(grow, kNoOrder);
    EXPECT_EQ(overshoot, kNoOrder);
    EXPECT_NE(shrink, kNoOrder);
    EXPECT_EQ(rig.engine.portfolio().account(0).position.raw, 0);
    EXPECT_EQ(rig.engine.stats().refused_by_state, 2u);
    EXPECT_EQ(rig.engine.stats().max_risk_level, RiskLevel::High);
}

TEST(RiskLevels, SevereCancelsAllAndHaltedEngagesTheKillSwitch) {
    Rig rig;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) {
            s.ctx->submit(limit(Side::Buy, 95, 1));
            s.ctx->submit(limit(Side::Sell, 105, 1));
        }
        if (s.quotes.size() == 2) rig.rule.reported_level = RiskLevel::Severe;
        if (s.quotes.size() == 4) rig.rule.reported_level = RiskLevel::Halted;
    };
    rig.run(quotes(6));
    EXPECT_EQ(rig.venue.cancels.size(), 2u);  // cancel-all on entering severe
    EXPECT_TRUE(rig.engine.kill_switch().engaged());
    EXPECT_EQ(rig.engine.stats().max_risk_level, RiskLevel::Halted);
}

TEST(RiskControl, DisabledStrategyIsRefusedUntilReEnabled) {
    Rig rig;
    OrderId while_disabled = 1, after = kNoOrder;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) rig.rule.ctx->disable_strategy(0, "too many fills");
        if (s.quotes.size() == 2) while_disabled = s.ctx->submit(limit(Side::Buy, 95, 1));
        if (s.quotes.size() == 3) {
            rig.engine.enable_strategy(0);
            after = s.ctx->submit(limit(Side::Buy, 95, 1));
        }
    };
    rig.run(quotes(3));
    EXPECT_EQ(while_disabled, kNoOrder);
    EXPECT_NE(after, kNoOrder);
    bool saw = false;
    for (const auto& [t, u] : rig.strategy.updates) saw |= u.text.view() == "strategy disabled: too many fills";
    EXPECT_TRUE(saw);
}

TEST(RiskControl, RulesSeeOrdersInFlightAtOnce) {
    Rig rig(LatencyConfig{0, 1'000'000, 1'000'000});  // acks arrive long after the next intents
    Quantity open_buy_seen, previous_open_seen;
    Price best_own_buy;
    bool has_best = false;
    OrderId first = kNoOrder;
    rig.rule.verdict = [&](const OrderIntent& i) {
        open_buy_seen = rig.rule.ctx->open_quantity(0, Side::Buy);
        previous_open_seen = i.previous_open;
        has_best = rig.rule.ctx->best_own_price(0, Side::Buy, best_own_buy);
        return RiskDecision::pass();
    };
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) {
            first = s.ctx->submit(limit(Side::Buy, 95, 3));
            s.ctx->submit(limit(Side::Buy, 97, 4));
            s.ctx->replace(first, Price{96}, Quantity{2});
        }
    };
    rig.run(quotes(1));
    // At the replace, 3 + 4 are open (both still in flight), the replaced order had 3 open,
    // and the best own bid is 97.
    EXPECT_EQ(open_buy_seen.raw, 7);
    EXPECT_EQ(previous_open_seen.raw, 3);
    ASSERT_TRUE(has_best);
    EXPECT_EQ(best_own_buy.raw, 97);
}

TEST(RiskControl, UpdatesToRulesCarryTheOwningStrategy) {
    Rig rig;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        if (s.quotes.size() == 1) s.ctx->submit(limit(Side::Buy, 95, 1));
    };
    rig.run(quotes(2));
    ASSERT_FALSE(rig.rule.updates.empty());
    EXPECT_EQ(rig.rule.updates.front().strategy, 0u);
    EXPECT_EQ(rig.rule.updates.front().status, OrderStatus::Accepted);
}
