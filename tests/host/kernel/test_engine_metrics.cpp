// The engine's own metrics (docs/metrics.md), its metric samples, and what it
// tells observers about risk events and alerts.

#include <gtest/gtest.h>

#include <cmath>
#include <deque>

#include "engine_rig.hpp"

using namespace trellis;
using namespace trellis::host;
using fakes::quote;
using kernel_testing::limit;
using kernel_testing::Rig;

namespace {

constexpr Duration kOneSecond = 1'000'000'000;

// One capture of the registry, as the publisher takes it (drains every histogram).
MetricsSample capture(MetricsRegistry& registry) {
    MetricsSample sample;
    sample.reserve(registry.size());
    registry.capture(0, sample);
    return sample;
}

// What one histogram held in a capture.
HistogramSummary summary(const MetricsRegistry& registry, const MetricsSample& sample, std::string_view key) {
    for (std::size_t i = 0; i < registry.size(); ++i) {
        const MetricInfo& info = registry.info(i);
        if (info.type == MetricType::Histogram && metric_key(info.name, info.labels) == key)
            return sample.histograms[info.slot];
    }
    ADD_FAILURE() << "no histogram " << key;
    return {};
}

std::int64_t counter(const MetricsRegistry& registry, std::string_view name,
                     std::initializer_list<MetricLabelView> labels = {}) {
    const Counter* c = registry.find_counter(name, labels);
    if (!c) ADD_FAILURE() << "no counter " << name;
    return c ? c->value() : -1;
}

double gauge(const MetricsRegistry& registry, std::string_view name,
             std::initializer_list<MetricLabelView> labels = {}) {
    const Gauge* g = registry.find_gauge(name, labels);
    if (!g) ADD_FAILURE() << "no gauge " << name;
    return g ? g->value() : std::nan("");
}

// A venue that answers at the next market event it sees, not at once, so
// latencies depend on when the market moves (orders and cancels queue up).
class AckOnNextMarketEvent final : public ExchangeAdapter {
public:
    Status start(AdapterContext& c) override {
        ctx_ = &c;
        return Status::ok();
    }
    void on_market_data(const MarketEvent&) noexcept override {
        for (const Order& o : new_) answer(o.id, o.request, OrderStatus::Accepted);
        for (const Order& o : cancels_) answer(o.id, o.request, OrderStatus::Cancelled);
        new_.clear();
        cancels_.clear();
    }
    void submit(const Order& o) noexcept override {
        new_.push_back(o);
        known_.push_back(o);
    }
    void cancel(OrderId id) noexcept override {
        for (const Order& o : known_)
            if (o.id == id) cancels_.push_back(o);
    }
    void replace(OrderId, Price, Quantity) noexcept override {}

private:
    void answer(OrderId id, const OrderRequest& r, OrderStatus status) {
        OrderUpdate u;
        u.ts = ctx_->now();
        u.id = id;
        u.instrument = r.instrument;
        u.side = r.side;
        u.status = status;
        u.price = r.price;
        u.qty = r.qty;
        ctx_->emit(u);
    }
    AdapterContext* ctx_ = nullptr;
    std::vector<Order> new_, cancels_, known_;
};

// A market-data venue whose feed drops and comes back before every `every`-th event it sees.
class ReconnectingFeed final : public ExchangeAdapter {
public:
    explicit ReconnectingFeed(int every) : every_(every) {}
    Status start(AdapterContext& c) override {
        ctx_ = &c;
        return Status::ok();
    }
    void on_market_data(const MarketEvent&) noexcept override {
        if (++seen_ % every_ == 0) ctx_->market_data_reconnected();
    }
    void submit(const Order&) noexcept override {}
    void cancel(OrderId) noexcept override {}
    void replace(OrderId, Price, Quantity) noexcept override {}

private:
    AdapterContext* ctx_ = nullptr;
    int every_;
    int seen_ = 0;
};

// Records what the engine reports besides orders.
struct RecordingObserver final : RunObserver {
    MetricsRegistry* registry = nullptr;  // when set, captures at each sample like the publisher
    MetricsSample sample;
    std::vector<Timestamp> samples;
    std::vector<Timestamp> clock_at_sample;
    std::vector<std::int64_t> md_updates_at_sample;
    std::vector<std::int64_t> acks_in_sample;
    std::vector<RiskEventKind> kinds;
    std::vector<RiskEvent> risk_events;  // string views valid only during the call: copied below
    std::vector<std::string> sources, texts;
    std::vector<Alert> alerts;
    const Engine* engine = nullptr;

    bool wants_metrics_sample(Timestamp) noexcept override { return true; }
    void on_metrics_sample(Timestamp ts) override {
        samples.push_back(ts);
        if (engine) clock_at_sample.push_back(engine->now());
        if (!registry) return;
        md_updates_at_sample.push_back(registry->find_counter("md.updates", {{"instrument", "TEST"}})->value());
        registry->capture(ts, sample);
        for (std::size_t i = 0; i < sample.metric_count; ++i) {
            const MetricInfo& info = registry->info(i);
            if (info.name == "order.ack_latency") acks_in_sample.push_back(sample.histograms[info.slot].count);
        }
    }
    void on_risk_event(const RiskEvent& e) override {
        risk_events.push_back(e);
        kinds.push_back(e.kind);
        sources.emplace_back(e.source);
        texts.emplace_back(e.text);
    }
    void on_alert(const Alert& a) override { alerts.push_back(a); }
};

}  // namespace

TEST(EngineMetrics, AckAndCancelLatencyPercentilesFromHostTime) {
    // Order entry 2 ns, responses 3 ns; the venue answers at the next market event.
    MetricsRegistry metrics;
    Logger logger{LogLevel::Error};
    EngineOptions options{LatencyConfig{0, 2, 3}};
    options.metrics_interval = kOneSecond;  // histograms record while samples are taken
    Engine engine({fakes::make_instrument(0, "TEST", 2, 0, 1, 1)}, {0}, options, metrics, logger);
    AckOnNextMarketEvent venue;
    fakes::RecordingStrategy strategy;
    engine.add_adapter("xnas", venue);
    engine.add_strategy("mm", strategy);
    strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent& e) {
        if (e.ts == 100 || e.ts == 104 || e.ts == 110) s.ctx->submit(limit(Side::Buy, 95, 1));
    };
    strategy.on_update_script = [](fakes::RecordingStrategy& s, const OrderUpdate& u) {
        if (u.status == OrderStatus::Accepted) s.ctx->cancel(u.id);
    };
    ASSERT_TRUE(engine.start());
    fakes::VectorSource source({quote(100, 95, 96), quote(104, 95, 96), quote(110, 95, 96), quote(111, 95, 96),
                                quote(120, 95, 96), quote(130, 95, 96)});
    ASSERT_TRUE(engine.run(source));

    // Sent at 100, 104, 110; at the venue 102, 106, 112; acked at the market events
    // 104, 110, 120; delivered 3 ns later: 107, 113, 123 -> 7, 9, 13 ns.
    const MetricsSample sample = capture(metrics);
    const HistogramSummary ack = summary(metrics, sample, "order.ack_latency{venue=xnas}");
    EXPECT_EQ(ack.count, 3);
    EXPECT_EQ(ack.p50, 9);
    EXPECT_EQ(ack.p99, 13);
    EXPECT_EQ(ack.p999, 13);
    EXPECT_EQ(ack.max, 13);
    EXPECT_EQ(ack.sum, 29);
    // Cancels requested on the acks at 107, 113, 123; at the venue 109, 115, 125;
    // answered at 110, 120, 130; delivered 113, 123, 133 -> 6, 10, 10 ns.
    const HistogramSummary cancel = summary(metrics, sample, "order.cancel_latency{venue=xnas}");
    EXPECT_EQ(cancel.count, 3);
    EXPECT_EQ(cancel.p50, 10);
    EXPECT_EQ(cancel.p99, 10);
    EXPECT_EQ(cancel.max, 10);
    EXPECT_EQ(cancel.sum, 26);
    EXPECT_EQ(counter(metrics, "order.sent", {{"strategy", "mm"}}), 3);
    EXPECT_EQ(counter(metrics, "order.cancels", {{"strategy", "mm"}}), 3);
    // 6 quotes + 6 order updates handled; intents: one per submitting quote, one per ack.
    EXPECT_EQ(counter(metrics, "strategy.events", {{"strategy", "mm"}}), 12);
    const HistogramSummary intents = summary(metrics, sample, "strategy.intents_per_event{strategy=mm}");
    EXPECT_EQ(intents.count, 12);
    EXPECT_EQ(intents.sum, 6);
    EXPECT_EQ(intents.max, 1);
    EXPECT_EQ(counter(metrics, "md.reconnects", {{"venue", "xnas"}}), 0) << "a backtest venue never reconnects";
}

TEST(EngineMetrics, CountsMarketUpdatesAndTheirLag) {
    EngineOptions options{LatencyConfig{10, 0, 0}};
    options.metrics_interval = kOneSecond;
    Rig rig(options);
    MarketEvent late = quote(1000, 100, 101);
    late.recv_ts = 1004;  // received 4 ns after the exchange stamped it
    MarketEvent unknown = quote(2000, 100, 101);
    unknown.recv_ts = 0;  // no receive time: counts as received at once
    rig.run({late, unknown, quote(3000, 100, 101)});
    EXPECT_EQ(counter(rig.metrics, "md.updates", {{"instrument", "TEST"}}), 3);
    // Lag = receive - exchange time + the 10 ns market-data latency: 14, 10, 10.
    const HistogramSummary lag = summary(rig.metrics, capture(rig.metrics), "md.lag{instrument=TEST}");
    EXPECT_EQ(lag.count, 3);
    EXPECT_EQ(lag.p50, 10);
    EXPECT_EQ(lag.max, 14);
    EXPECT_EQ(lag.sum, 34);
}

// An adapter's reconnects land in md.reconnects of its own venue, with or without samples.
TEST(EngineMetrics, ReconnectsAreCountedPerVenue) {
    for (const Duration interval : {Duration{0}, kOneSecond}) {
        MetricsRegistry metrics;
        Logger logger{LogLevel::Error};
        EngineOptions options;
        options.metrics_interval = interval;
        // Two instruments, one per venue: each venue sees only its own instrument's market data.
        Engine engine({fakes::make_instrument(0, "AAA", 2, 0, 1, 1), fakes::make_instrument(1, "BBB", 2, 0, 1, 1)},
                      {0, 1}, options, metrics, logger);
        ReconnectingFeed flaky(2), steady(1000);
        engine.add_adapter("flaky", flaky);
        engine.add_adapter("steady", steady);
        ASSERT_TRUE(engine.start());
        std::vector<MarketEvent> events;
        for (int i = 0; i < 7; ++i) {
            MarketEvent e = quote(100 + i, 95, 96);
            e.instrument = InstrumentId(i % 2 == 0 ? 0 : 1);  // AAA: 4 events, BBB: 3
            events.push_back(e);
        }
        fakes::VectorSource source(events);
        ASSERT_TRUE(engine.run(source));
        engine.stop();
        EXPECT_EQ(counter(metrics, "md.reconnects", {{"venue", "flaky"}}), 2) << "interval " << interval;
        EXPECT_EQ(counter(metrics, "md.reconnects", {{"venue", "steady"}}), 0) << "interval " << interval;
    }
}

TEST(EngineMetrics, SamplesAtEachBoundaryPassedAndOncePerJump) {
    EngineOptions options{LatencyConfig{0, 300, 200}};
    options.metrics_interval = 1000;
    Rig rig(options);
    RecordingObserver observer;
    observer.registry = &rig.metrics;
    observer.engine = &rig.engine;
    rig.engine.add_observer(&observer);
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent& e) {
        if (e.ts == 500) s.ctx->submit(limit(Side::Buy, 95, 1));  // at the venue 800, ack delivered at 1000
    };
    observer.sample.reserve(256);
    rig.run({quote(500, 95, 96), quote(1500, 95, 96), quote(1700, 95, 96), quote(2000, 95, 96), quote(9700, 95, 96)});
    // 1000: passed between 500 and 1500. 2000 is reached by an event but not passed
    // until 9700, which jumps over 2000..9000: one sample at 9000. Then the final clock.
    EXPECT_EQ(observer.samples, (std::vector<Timestamp>{1000, 9000, 9700}));
    EXPECT_EQ(observer.clock_at_sample, (std::vector<Timestamp>{1000, 9000, 9700}));
    // Everything up to a boundary ran before its sample: the event at 500 and the ack due at 1000 exactly.
    EXPECT_EQ(observer.md_updates_at_sample, (std::vector<std::int64_t>{1, 4, 5}));
    EXPECT_EQ(observer.acks_in_sample, (std::vector<std::int64_t>{1, 0, 0}));
}

// Each observer takes the samples it asks for, whatever the others answer; the derived gauges are
// fresh for whichever takes one, the first observer or a later one.
TEST(EngineMetrics, EachObserverGetsTheSamplesItAsksFor) {
    struct EverySecondSample final : RunObserver {
        MetricsRegistry* registry = nullptr;
        int asked = 0;
        std::vector<Timestamp> samples;
        std::vector<double> mids;
        bool wants_metrics_sample(Timestamp) noexcept override { return ++asked % 2 == 0; }
        void on_metrics_sample(Timestamp ts) override {
            samples.push_back(ts);
            mids.push_back(registry->find_gauge("md.mid", {{"instrument", "TEST"}})->value());
        }
    };
    EngineOptions options;
    options.metrics_interval = 1000;
    Rig rig(options);
    EverySecondSample first, last;
    first.registry = last.registry = &rig.metrics;
    last.asked = 1;  // the other half: the two never take the same sample
    rig.engine.add_observer(&first);
    rig.engine.add_observer(&last);
    rig.run({quote(500, 95, 96), quote(1500, 96, 97), quote(2500, 97, 98), quote(3500, 98, 99)});
    // Boundaries 1000, 2000, 3000, then the final clock 3500.
    EXPECT_EQ(first.samples, (std::vector<Timestamp>{2000, 3500}));
    EXPECT_EQ(last.samples, (std::vector<Timestamp>{1000, 3000}));
    EXPECT_EQ(last.mids, (std::vector<double>{0.955, 0.975}));
    EXPECT_EQ(first.mids, (std::vector<double>{0.965, 0.985}));
}

TEST(EngineMetrics, ShortRunStillPublishesOneSampleAndNoIntervalMeansNone) {
    {
        EngineOptions options;
        options.metrics_interval = 1'000'000'000;
        Rig rig(options);
        RecordingObserver observer;
        rig.engine.add_observer(&observer);
        rig.run({quote(100, 95, 96), quote(200, 95, 96)});
        EXPECT_EQ(observer.samples, (std::vector<Timestamp>{200}));
    }
    {
        Rig rig;  // metrics_interval = 0
        RecordingObserver observer;
        rig.engine.add_observer(&observer);
        rig.run({quote(100, 95, 96), quote(5'000'000'000, 95, 96)});
        EXPECT_TRUE(observer.samples.empty());
        // The gauges still hold the final state, for summaries.
        EXPECT_DOUBLE_EQ(gauge(rig.metrics, "md.mid", {{"instrument", "TEST"}}), 0.955);
    }
}

TEST(EngineMetrics, WithoutSamplesCountersCountButHistogramsStayEmpty) {
    Rig rig;  // metrics_interval = 0: nobody will read an interval's distribution
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent&) {
        s.ctx->submit(limit(Side::Buy, 95, 1));
    };
    rig.run({quote(100, 95, 96), quote(200, 95, 96)});
    EXPECT_EQ(counter(rig.metrics, "md.updates", {{"instrument", "TEST"}}), 2);
    EXPECT_EQ(counter(rig.metrics, "order.sent", {{"strategy", "strat"}}), 2);
    EXPECT_EQ(counter(rig.metrics, "strategy.events", {{"strategy", "strat"}}), 4);  // 2 quotes, 2 acks
    const MetricsSample sample = capture(rig.metrics);
    EXPECT_EQ(summary(rig.metrics, sample, "md.lag{instrument=TEST}").count, 0);
    EXPECT_EQ(summary(rig.metrics, sample, "order.ack_latency{venue=venue}").count, 0);
    EXPECT_EQ(summary(rig.metrics, sample, "strategy.intents_per_event{strategy=strat}").count, 0);
}

TEST(EngineMetrics, RiskEventsAndAlertsReachEveryObserver) {
    Rig rig(LatencyConfig{}, Rig::With::RuleAndAlerts);
    RecordingObserver first, second;
    rig.engine.add_observer(&first);
    rig.engine.set_observer(&second);  // adds: both observe
    rig.engine.add_observer(&first);   // once only
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        switch (s.quotes.size()) {
            case 1:
                rig.rule.reported_level = RiskLevel::Elevated;  // seen after this market event
                break;
            case 2:
                rig.rule.ctx->disable_strategy(0, "too many fills");
                break;
            case 3:
                rig.engine.enable_strategy(0);
                rig.engine.kill_switch().request("operator pressed the button");
                break;
            case 4:
                rig.engine.release_kill_switch();
                break;
        }
    };
    std::vector<MarketEvent> events;
    for (int i = 1; i <= 5; ++i) events.push_back(quote(i * 1000, 100, 101));
    rig.run(events);

    using K = RiskEventKind;
    const std::vector<K> expected{K::LevelChanged, K::StrategyDisabled,   K::StrategyEnabled, K::KillSwitchEngaged,
                                  K::LevelChanged, K::KillSwitchReleased, K::LevelChanged};
    EXPECT_EQ(first.kinds, expected);
    EXPECT_EQ(second.kinds, expected);
    ASSERT_EQ(first.risk_events.size(), expected.size());
    EXPECT_EQ(first.sources[0], "rule");  // the rule reporting the level
    EXPECT_EQ(first.texts[0], "risk level normal -> elevated");
    EXPECT_EQ(first.risk_events[0].level, RiskLevel::Elevated);
    EXPECT_EQ(first.risk_events[0].ts, 2000);  // the engine re-reads levels at its next market event
    EXPECT_EQ(first.sources[1], "rule");
    EXPECT_EQ(first.texts[1], "too many fills");
    EXPECT_EQ(first.risk_events[1].strategy, 0u);
    EXPECT_EQ(first.sources[2], "operator");
    EXPECT_EQ(first.texts[3], "operator pressed the button");
    EXPECT_EQ(first.risk_events[3].level, RiskLevel::Halted);
    EXPECT_EQ(first.risk_events[3].ts, 4000);  // engaged at the engine's next step
    EXPECT_EQ(first.sources[4], "kill_switch");
    EXPECT_EQ(first.texts[4], "risk level elevated -> halted");
    EXPECT_EQ(first.risk_events[6].level, RiskLevel::Elevated);  // released: back to the rule's level

    // Every alert the sinks got, the observers got, in the same order.
    ASSERT_FALSE(rig.alerts.alerts.empty());
    ASSERT_EQ(first.alerts.size(), rig.alerts.alerts.size());
    ASSERT_EQ(second.alerts.size(), rig.alerts.alerts.size());
    for (std::size_t i = 0; i < first.alerts.size(); ++i) {
        EXPECT_EQ(first.alerts[i].message.view(), rig.alerts.alerts[i].message.view());
        EXPECT_EQ(first.alerts[i].source.view(), rig.alerts.alerts[i].source.view());
        EXPECT_EQ(first.alerts[i].ts, rig.alerts.alerts[i].ts);
    }
}

TEST(EngineMetrics, RejectionsCountedPerRuleAndPerReason) {
    Rig rig(LatencyConfig{}, Rig::With::RuleAndAlerts);
    rig.rule.verdict = [](const OrderIntent& i) {
        return i.request.qty.raw > 10 ? RiskDecision::reject("too big") : RiskDecision::pass();
    };
    rig.venue.on_submit = [](fakes::ScriptedVenue& v, const Order& o) {
        if (o.request.price.raw != 7) return v.report(o, OrderStatus::Accepted);
        OrderUpdate u;  // the venue refuses an off-tick price
        u.ts = v.ctx->now();
        u.id = o.id;
        u.instrument = o.request.instrument;
        u.status = OrderStatus::Rejected;
        u.reason = RejectReason::InvalidPrice;
        v.ctx->emit(u);
    };
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent&) {
        switch (s.quotes.size()) {
            case 1:
                s.ctx->submit(limit(Side::Buy, 95, 50));  // rule
                s.ctx->submit(limit(Side::Buy, 95, 60));  // rule
                s.ctx->submit(limit(Side::Buy, 7, 1));    // venue: invalid price
                s.ctx->submit(limit(Side::Buy, 95, 1));   // passes
                break;
            case 2:
                rig.rule.ctx->disable_strategy(0, "test");
                s.ctx->submit(limit(Side::Buy, 95, 1));  // disabled
                rig.engine.enable_strategy(0);
                rig.engine.kill_switch().request("test");
                break;
            case 3:
                s.ctx->submit(limit(Side::Buy, 95, 1));  // kill switch
                s.ctx->submit(limit(Side::Buy, 95, 1));  // kill switch
                break;
        }
    };
    rig.run({quote(1000, 100, 101), quote(2000, 100, 101), quote(3000, 100, 101)});

    EXPECT_EQ(counter(rig.metrics, "risk.rejections", {{"rule", "rule"}}), 2);
    EXPECT_EQ(counter(rig.metrics, "risk.rejections", {{"rule", "disabled"}}), 1);
    EXPECT_EQ(counter(rig.metrics, "risk.rejections", {{"rule", "kill_switch"}}), 2);
    EXPECT_EQ(counter(rig.metrics, "risk.rejections", {{"rule", "reduce_only"}}), 0);
    // By reason: the rule and the disabled strategy are both risk_rule rejections.
    EXPECT_EQ(counter(rig.metrics, "order.rejects", {{"reason", "risk_rule"}}), 3);
    EXPECT_EQ(counter(rig.metrics, "order.rejects", {{"reason", "kill_switch"}}), 2);
    EXPECT_EQ(counter(rig.metrics, "order.rejects", {{"reason", "invalid_price"}}), 1);
    EXPECT_EQ(counter(rig.metrics, "order.rejects", {{"reason", "self_match"}}), 0);
    EXPECT_EQ(counter(rig.metrics, "order.sent", {{"strategy", "strat"}}), 2);
    // The kill switch cancelled the one accepted order.
    EXPECT_EQ(counter(rig.metrics, "order.cancels", {{"strategy", "strat"}}), 1);
}

TEST(EngineMetrics, DerivedGaugesAtASample) {
    EngineOptions options;
    options.metrics_interval = 1000;
    Rig rig(options);
    RecordingObserver observer;
    rig.engine.add_observer(&observer);
    // TEST: 2 price decimals, 0 quantity decimals: Money is in cents.
    rig.venue.on_submit = [](fakes::ScriptedVenue& v, const Order& o) {
        v.report(o, OrderStatus::Accepted);
        if (o.request.qty.raw == 10)  // fills at once: buy 10 @ 100.00, fee 3 cents
            v.report(o, OrderStatus::Filled, 10, 10000, 3, 10);
    };
    OrderId to_cancel = kNoOrder;
    rig.strategy.on_quote_script = [&](fakes::RecordingStrategy& s, const MarketEvent& e) {
        if (e.ts == 500) {
            s.ctx->submit(limit(Side::Buy, 9990, 5));
            s.ctx->submit(limit(Side::Buy, 9995, 2));
            s.ctx->submit(limit(Side::Sell, 10020, 5));
            to_cancel = s.ctx->submit(limit(Side::Sell, 10030, 1));
            s.ctx->submit(limit(Side::Buy, 10000, 10));
        } else {
            s.ctx->cancel(to_cancel);
        }
    };
    // 100.00 x 100.10 (300 x 100), then 99.00 x 99.10 (100 x 300).
    rig.run({quote(500, 10000, 10010, 300, 100), quote(1500, 9900, 9910, 100, 300)});
    ASSERT_EQ(observer.samples, (std::vector<Timestamp>{1000, 1500}));

    const auto& m = rig.metrics;
    const std::initializer_list<MetricLabelView> test{{"instrument", "TEST"}};
    EXPECT_DOUBLE_EQ(gauge(m, "md.mid", test), 99.05);
    EXPECT_DOUBLE_EQ(gauge(m, "md.book_imbalance", test), -0.5);  // (100 - 300) / 400
    // Mids 100.05 at the sample at 1000 and 99.05 at 1500: one return over 500 ns.
    const double r = std::log(99.05 / 100.05);
    EXPECT_NEAR(gauge(m, "md.volatility", test), std::abs(r) / std::sqrt(500e-9), 1e-9);
    EXPECT_DOUBLE_EQ(gauge(m, "risk.inventory", test), 10.0);
    EXPECT_NEAR(gauge(m, "account.cash", test), -1000.03, 1e-9);         // -10 x 100.00 - 0.03
    EXPECT_NEAR(gauge(m, "account.equity", test), -9.53, 1e-9);          // cash + 10 x 99.05
    EXPECT_NEAR(gauge(m, "account.unrealized_pnl", test), -9.50, 1e-9);  // 10 x (99.05 - 100.00)
    EXPECT_NEAR(gauge(m, "account.realized_pnl", test), 0.0, 1e-12);
    EXPECT_NEAR(gauge(m, "account.fees", test), 0.03, 1e-12);
    // Equity peaked at 0.47 (cash + 10 x 100.05) and was 0.47 at the day's first sample.
    EXPECT_NEAR(gauge(m, "risk.drawdown"), 10.00, 1e-9);
    EXPECT_NEAR(gauge(m, "risk.daily_pnl"), -10.00, 1e-9);
    EXPECT_EQ(gauge(m, "risk.level"), 0.0);
    EXPECT_EQ(gauge(m, "risk.kill_switch"), 0.0);

    const std::initializer_list<MetricLabelView> strat{{"strategy", "strat"}};
    const std::initializer_list<MetricLabelView> strat_test{{"strategy", "strat"}, {"instrument", "TEST"}};
    EXPECT_DOUBLE_EQ(gauge(m, "strategy.bid_price", strat_test), 99.95);
    EXPECT_DOUBLE_EQ(gauge(m, "strategy.ask_price", strat_test), 100.20);  // 100.30 was cancelled
    EXPECT_NEAR(gauge(m, "strategy.quoted_spread", strat_test), 0.25, 1e-9);
    EXPECT_EQ(gauge(m, "order.open", strat), 3.0);                // 99.90, 99.95, 100.20
    EXPECT_DOUBLE_EQ(gauge(m, "risk.cancel_ratio", strat), 0.2);  // 1 cancel / 5 sent
    EXPECT_EQ(counter(m, "order.fills", strat), 1);
}

TEST(EngineMetrics, QuoteGaugesAreZeroForAMissingSide) {
    EngineOptions options;
    options.metrics_interval = 1000;
    Rig rig(options);
    rig.strategy.on_quote_script = [](fakes::RecordingStrategy& s, const MarketEvent& e) {
        if (e.ts == 500) s.ctx->submit(limit(Side::Buy, 9990, 5));
    };
    rig.run({quote(500, 10000, 10010), quote(1500, 10000, 10010)});
    const std::initializer_list<MetricLabelView> strat_test{{"strategy", "strat"}, {"instrument", "TEST"}};
    EXPECT_DOUBLE_EQ(gauge(rig.metrics, "strategy.bid_price", strat_test), 99.90);
    EXPECT_EQ(gauge(rig.metrics, "strategy.ask_price", strat_test), 0.0);
    EXPECT_EQ(gauge(rig.metrics, "strategy.quoted_spread", strat_test), 0.0);
}

TEST(EngineMetrics, PluginsGetHistogramsNamedAfterThemselves) {
    Rig rig;
    ASSERT_TRUE(rig.engine.start());
    Histogram& h = rig.strategy.ctx->histogram("think_ns");
    EXPECT_EQ(&h, rig.metrics.find_histogram("strat.think_ns"));
    EXPECT_EQ(&h, &rig.strategy.ctx->histogram("think_ns"));
}
