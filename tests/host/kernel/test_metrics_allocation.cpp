// Telemetry must not touch the heap once warm: counts global operator new
// calls around a registry capture and around the steady state of a whole
// engine run with metrics on (its own executable: operator new is replaced).

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "allocation_counter.hpp"
#include "fake_context.hpp"
#include "kernel/engine.hpp"
#include "util/logger.hpp"
#include "vector_source.hpp"

using namespace trellis;
using namespace trellis::host;

namespace {

// Quotes one order at a time: submits on one quote, cancels it on the next.
class AlternatingStrategy final : public Strategy {
public:
    long allocations_at_warm = -1;  // operator new calls when the warm-up ended
    long allocations_at_end = -1;   // ... and at the last quote
    int warm_up_quotes = 200;
    int total_quotes = 0;

    Status start(StrategyContext& c) override {
        ctx_ = &c;
        return Status::ok();
    }
    void on_quote(const MarketEvent& e) noexcept override {
        ++seen_;
        if (seen_ == warm_up_quotes) allocations_at_warm = trellis::test::allocations();
        if (seen_ == total_quotes) allocations_at_end = trellis::test::allocations();
        if (live_ != kNoOrder) {
            ctx_->cancel(live_);
            live_ = kNoOrder;
            return;
        }
        OrderRequest r;
        r.instrument = e.instrument;
        r.side = seen_ % 4 == 1 ? Side::Buy : Side::Sell;
        r.price = seen_ % 4 == 1 ? e.quote.bid : e.quote.ask;
        r.qty = Quantity{1};
        live_ = ctx_->submit(r);
    }

private:
    StrategyContext* ctx_ = nullptr;
    OrderId live_ = kNoOrder;
    int seen_ = 0;
};

// Accepts every order, fills every third one in full, cancels on request.
class AcceptingVenue final : public ExchangeAdapter {
public:
    Status start(AdapterContext& c) override {
        ctx_ = &c;
        return Status::ok();
    }
    void on_market_data(const MarketEvent&) noexcept override {}
    void submit(const Order& o) noexcept override {
        OrderUpdate u;
        u.ts = ctx_->now();
        u.id = o.id;
        u.instrument = o.request.instrument;
        u.side = o.request.side;
        u.price = o.request.price;
        u.qty = o.request.qty;
        u.status = OrderStatus::Accepted;
        ctx_->emit(u);
        if (++submits_ % 3 == 0) {
            u.status = OrderStatus::Filled;
            u.last_qty = o.request.qty;
            u.last_price = o.request.price;
            u.filled_qty = o.request.qty;
            ctx_->emit(u);
        }
    }
    void cancel(OrderId id) noexcept override {
        OrderUpdate u;
        u.ts = ctx_->now();
        u.id = id;
        u.status = OrderStatus::Cancelled;
        ctx_->emit(u);
    }
    void replace(OrderId, Price, Quantity) noexcept override {}

private:
    AdapterContext* ctx_ = nullptr;
    int submits_ = 0;
};

// Captures the registry at every sample, as the publisher does.
struct CapturingObserver final : RunObserver {
    MetricsRegistry& registry;
    MetricsSample sample;
    int samples = 0;
    explicit CapturingObserver(MetricsRegistry& r) : registry(r) {}
    bool wants_metrics_sample(Timestamp) noexcept override { return true; }
    void on_metrics_sample(Timestamp ts) override {
        registry.capture(ts, sample);
        ++samples;
    }
};

}  // namespace

TEST(MetricsAllocation, CaptureIntoAReservedSampleDoesNotAllocate) {
    MetricsRegistry registry;
    for (int i = 0; i < 50; ++i) {
        const std::string n = std::to_string(i);
        registry.counter("c", {{"i", n}}).add(i);
        registry.gauge("g", {{"i", n}}).set(i);
        registry.histogram("h", {{"i", n}}).record(i * 1000);
    }
    MetricsSample sample;
    sample.reserve(registry.size());
    const std::uint64_t before = trellis::test::allocations();
    for (int i = 0; i < 10; ++i) registry.capture(i, sample);
    EXPECT_EQ(trellis::test::allocations() - before, 0u);
    EXPECT_EQ(sample.counters.size(), 50u);
    EXPECT_EQ(sample.counters[49], 49);
}

TEST(MetricsAllocation, SteadyStateOfARunWithMetricsOnDoesNotAllocate) {
    MetricsRegistry metrics;
    Logger logger{LogLevel::Error};
    EngineOptions options{LatencyConfig{7, 5, 3}};
    options.metrics_interval = 1000;  // a sample every 10 quotes
    Engine engine({fakes::make_instrument(0, "TEST", 2, 0, 1, 1)}, {0}, options, metrics, logger);
    AcceptingVenue venue;
    AlternatingStrategy strategy;
    CapturingObserver observer(metrics);
    engine.add_adapter("venue", venue);
    engine.add_strategy("alt", strategy);
    engine.add_observer(&observer);

    std::vector<MarketEvent> quotes;
    strategy.total_quotes = 3000;
    for (int i = 1; i <= strategy.total_quotes; ++i)
        quotes.push_back(fakes::quote(i * 100, 10000 + i % 7, 10010 + i % 7, 100 + i % 50, 120));
    fakes::VectorSource source(std::move(quotes));
    ASSERT_TRUE(engine.start());
    observer.sample.reserve(metrics.size());
    ASSERT_TRUE(engine.run(source));

    ASSERT_GE(strategy.allocations_at_warm, 0);
    ASSERT_GE(strategy.allocations_at_end, 0);
    EXPECT_EQ(strategy.allocations_at_end - strategy.allocations_at_warm, 0);
    // The run did what it claims: orders, fills and samples all happened.
    EXPECT_GT(observer.samples, 250);
    EXPECT_GT(metrics.find_counter("order.sent", {{"strategy", "alt"}})->value(), 1000);
    EXPECT_GT(metrics.find_counter("order.fills", {{"strategy", "alt"}})->value(), 300);
    EXPECT_GT(metrics.find_counter("order.cancels", {{"strategy", "alt"}})->value(), 500);
}
