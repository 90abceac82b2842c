// The metrics registry (cells by name + labels, capture) and the SDK's Histogram.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "kernel/daily_pnl.hpp"
#include "kernel/ewma_volatility.hpp"
#include "kernel/metrics_registry.hpp"

using namespace trellis;
using namespace trellis::host;

namespace {

// Index of the metric whose key is `key`, or size() when none.
std::size_t index_of(const MetricsRegistry& registry, std::string_view key) {
    for (std::size_t i = 0; i < registry.size(); ++i)
        if (metric_key(registry.info(i).name, registry.info(i).labels) == key) return i;
    return registry.size();
}

}  // namespace

// --- Histogram ---

TEST(Histogram, BucketsAreExactBelowSixteenThenSixteenPerPowerOfTwo) {
    EXPECT_EQ(Histogram::bucket_of(0), 0);
    EXPECT_EQ(Histogram::bucket_of(15), 15);
    EXPECT_EQ(Histogram::bucket_of(16), 16);
    EXPECT_EQ(Histogram::bucket_of(31), 31);
    EXPECT_EQ(Histogram::bucket_of(32), 32);  // from 32 on, buckets are 2 wide
    EXPECT_EQ(Histogram::bucket_of(33), 32);
    EXPECT_EQ(Histogram::bucket_of(34), 33);
    EXPECT_EQ(Histogram::upper_bound(15), 15);
    EXPECT_EQ(Histogram::upper_bound(16), 16);
    EXPECT_EQ(Histogram::upper_bound(31), 31);
    EXPECT_EQ(Histogram::upper_bound(32), 33);
    EXPECT_EQ(Histogram::upper_bound(33), 35);
    // The largest values land in the last buckets; bounds saturate at INT64_MAX.
    EXPECT_EQ(Histogram::bucket_of(std::numeric_limits<std::uint64_t>::max()), Histogram::kBuckets - 1);
    EXPECT_EQ(Histogram::upper_bound(Histogram::kBuckets - 1), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(Histogram::bucket_of(std::uint64_t(std::numeric_limits<std::int64_t>::max())), 959);
    EXPECT_EQ(Histogram::upper_bound(959), std::numeric_limits<std::int64_t>::max());
}

TEST(Histogram, EveryBucketsUpperBoundIsItsLastValue) {
    // upper_bound(b) is in b and upper_bound(b) + 1 starts b + 1: the buckets tile the integers.
    for (int b = 0; b < 959; ++b) {
        const auto upper = std::uint64_t(Histogram::upper_bound(b));
        ASSERT_EQ(Histogram::bucket_of(upper), b) << "bucket " << b;
        ASSERT_EQ(Histogram::bucket_of(upper + 1), b + 1) << "bucket " << b;
    }
}

TEST(Histogram, PercentilesOfOneToHundred) {
    Histogram h;
    for (int v = 1; v <= 100; ++v) h.record(v);
    const HistogramSummary s = h.drain();
    EXPECT_EQ(s.count, 100);
    EXPECT_EQ(s.sum, 5050);
    EXPECT_EQ(s.max, 100);
    EXPECT_EQ(s.p50, 51);    // the 50th value, 50, is in bucket [50, 51]
    EXPECT_EQ(s.p99, 99);    // 99 is in [96, 99]
    EXPECT_EQ(s.p999, 100);  // 100 is in [100, 103], capped at the exact max
}

TEST(Histogram, SmallValuesAreExact) {
    Histogram h;
    for (int v : {3, 3, 3, 7}) h.record(v);
    const HistogramSummary s = h.drain();
    EXPECT_EQ(s.count, 4);
    EXPECT_EQ(s.p50, 3);
    EXPECT_EQ(s.p99, 7);
    EXPECT_EQ(s.p999, 7);
    EXPECT_EQ(s.max, 7);
    EXPECT_EQ(s.sum, 16);
}

TEST(Histogram, TailPercentilesAreUpperBoundsOfTheirBucket) {
    Histogram h;
    for (int i = 0; i < 989; ++i) h.record(10);
    for (int i = 0; i < 10; ++i) h.record(5000);  // ranks 990..999
    h.record(9000);                               // rank 1000
    const HistogramSummary s = h.drain();
    EXPECT_EQ(s.count, 1000);
    EXPECT_EQ(s.p50, 10);
    EXPECT_EQ(s.p99, 5119);   // 5000 is in [4864, 5119]
    EXPECT_EQ(s.p999, 5119);  // rank 999 is still a 5000
    EXPECT_EQ(s.max, 9000);
    EXPECT_EQ(s.sum, 989 * 10 + 10 * 5000 + 9000);
}

TEST(Histogram, DrainStartsANewInterval) {
    Histogram h;
    h.record(1000);
    h.record(-5);  // counts as 0
    HistogramSummary s = h.drain();
    EXPECT_EQ(s.count, 2);
    EXPECT_EQ(s.p50, 0);
    EXPECT_EQ(s.max, 1000);

    s = h.drain();  // nothing since
    EXPECT_EQ(s.count, 0);
    EXPECT_EQ(s.p50, 0);
    EXPECT_EQ(s.p999, 0);
    EXPECT_EQ(s.max, 0);
    EXPECT_EQ(s.sum, 0);

    h.record(5);
    s = h.drain();
    EXPECT_EQ(s.count, 1);
    EXPECT_EQ(s.p50, 5);
    EXPECT_EQ(s.p999, 5);
    EXPECT_EQ(s.max, 5) << "the previous interval's max must not leak";
    EXPECT_EQ(h.total_count(), 3);
}

// --- MetricsRegistry ---

TEST(MetricsRegistry, SameNameAndLabelsIsTheSameCellWhateverTheLabelOrder) {
    MetricsRegistry r;
    Counter& a = r.counter("order.sent", {{"venue", "x"}, {"strategy", "mm"}}, "orders");
    Counter& b = r.counter("order.sent", {{"strategy", "mm"}, {"venue", "x"}});
    EXPECT_EQ(&a, &b);
    Counter& other = r.counter("order.sent", {{"strategy", "mm2"}, {"venue", "x"}});
    EXPECT_NE(&a, &other);
    Counter& no_labels = r.counter("order.sent");
    EXPECT_NE(&a, &no_labels);
    EXPECT_EQ(r.size(), 3u);

    const MetricInfo& info = r.info(0);
    EXPECT_EQ(info.name, "order.sent");
    ASSERT_EQ(info.labels.size(), 2u);
    EXPECT_EQ(info.labels[0].key, "strategy");  // sorted by key
    EXPECT_EQ(info.labels[1].key, "venue");
    EXPECT_EQ(info.unit, "orders");  // recorded on creation, not overwritten by the second ask
    EXPECT_EQ(info.type, MetricType::Counter);
    EXPECT_EQ(metric_key(info.name, info.labels), "order.sent{strategy=mm,venue=x}");
    EXPECT_EQ(metric_key("system.rss_bytes", {}), "system.rss_bytes");
}

TEST(MetricsRegistry, RuntimeLabelsNameTheSameCellsAsLiteralOnes) {
    MetricsRegistry r;
    Gauge& literal = r.gauge("md.mid", {{"instrument", "AAPL"}});
    const std::vector<MetricLabel> built{{"instrument", "AAPL"}};
    EXPECT_EQ(&literal, &r.gauge("md.mid", built));
    Histogram& h = r.histogram("md.lag", built, "ns");
    EXPECT_EQ(&h, &r.histogram("md.lag", {{"instrument", "AAPL"}}));
}

TEST(MetricsRegistry, SlotsCountEachTypeSeparately) {
    MetricsRegistry r;
    r.counter("c0");
    r.gauge("g0");
    r.counter("c1");
    r.histogram("h0");
    r.gauge("g1");
    EXPECT_EQ(r.info(0).slot, 0u);
    EXPECT_EQ(r.info(1).slot, 0u);
    EXPECT_EQ(r.info(2).slot, 1u);
    EXPECT_EQ(r.info(3).slot, 0u);
    EXPECT_EQ(r.info(4).slot, 1u);
    EXPECT_EQ(r.info(3).type, MetricType::Histogram);
}

TEST(MetricsRegistry, AskingForAnExistingMetricAsAnotherTypeThrows) {
    MetricsRegistry r;
    r.counter("x", {{"k", "v"}});
    EXPECT_THROW(r.gauge("x", {{"k", "v"}}), std::logic_error);
    EXPECT_THROW(r.histogram("x", {{"k", "v"}}), std::logic_error);
    EXPECT_NO_THROW(r.gauge("x", {{"k", "w"}}));  // other labels: another metric
    EXPECT_THROW(r.counter("y", {{"k", "1"}, {"k", "2"}}), std::logic_error) << "a label key twice";
}

TEST(MetricsRegistry, RefusesMoreThanMaxMetrics) {
    MetricsRegistry r;
    for (std::size_t i = 0; i < MetricsRegistry::kMaxMetrics; ++i) r.counter("c", {{"i", std::to_string(i)}});
    EXPECT_EQ(r.size(), MetricsRegistry::kMaxMetrics);
    EXPECT_THROW(r.counter("c", {{"i", "one too many"}}), std::logic_error);
    EXPECT_NO_THROW(r.counter("c", {{"i", "7"}})) << "existing metrics are still found";
    EXPECT_EQ(r.size(), MetricsRegistry::kMaxMetrics);
}

TEST(MetricsRegistry, DescriptionsNeverMove) {
    MetricsRegistry r;
    r.counter("first", {{"a", "b"}});
    const MetricInfo* info = &r.info(0);
    const char* name = info->name.data();
    for (int i = 0; i < 2000; ++i) r.gauge("g", {{"i", std::to_string(i)}});
    EXPECT_EQ(&r.info(0), info);
    EXPECT_EQ(r.info(0).name.data(), name);
    EXPECT_EQ(r.info(0).name, "first");
}

TEST(MetricsRegistry, CaptureCopiesCountersAndGaugesAndDrainsHistograms) {
    MetricsRegistry r;
    Counter& c = r.counter("c", {}, "events");
    Gauge& g = r.gauge("g");
    Histogram& h = r.histogram("h", {{"venue", "v"}}, "ns");
    c.add(3);
    g.set(-2.5);
    h.record(4);
    h.record(8);

    MetricsSample s;
    s.reserve(r.size());
    r.capture(1234, s);
    EXPECT_EQ(s.ts, 1234);
    EXPECT_EQ(s.metric_count, 3u);
    ASSERT_EQ(s.counters.size(), 1u);
    ASSERT_EQ(s.gauges.size(), 1u);
    ASSERT_EQ(s.histograms.size(), 1u);
    EXPECT_EQ(s.counters[r.info(index_of(r, "c")).slot], 3);
    EXPECT_EQ(s.gauges[r.info(index_of(r, "g")).slot], -2.5);
    const HistogramSummary& hs = s.histograms[r.info(index_of(r, "h{venue=v}")).slot];
    EXPECT_EQ(hs.count, 2);
    EXPECT_EQ(hs.p50, 4);
    EXPECT_EQ(hs.max, 8);
    EXPECT_EQ(hs.sum, 12);

    c.add(1);
    r.capture(2000, s);
    EXPECT_EQ(s.counters[0], 4) << "counters are cumulative";
    EXPECT_EQ(s.histograms[0].count, 0) << "histograms cover the interval since the last capture";

    r.counter("late");  // registered after: the next capture includes it
    r.capture(3000, s);
    EXPECT_EQ(s.metric_count, 4u);
    EXPECT_EQ(s.counters.size(), 2u);
}

TEST(MetricsRegistry, FindsByDescription) {
    MetricsRegistry r;
    r.counter("order.rejects", {{"reason", "kill_switch"}}).add(2);
    r.gauge("risk.level").set(3);
    EXPECT_EQ(r.find_counter("order.rejects", {{"reason", "kill_switch"}})->value(), 2);
    EXPECT_EQ(r.find_counter("order.rejects", {{"reason", "other"}}), nullptr);
    EXPECT_EQ(r.find_counter("risk.level"), nullptr) << "a gauge is not a counter";
    EXPECT_EQ(r.find_gauge("risk.level")->value(), 3.0);
    EXPECT_EQ(r.find_histogram("risk.level"), nullptr);
}

TEST(MetricsRegistry, VisitsCountersAndGaugesInKeyOrder) {
    MetricsRegistry r;
    r.counter("b").add(2);
    r.counter("a", {{"x", "1"}}).add(1);
    r.gauge("g");
    r.histogram("h");
    std::vector<std::string> keys;
    r.for_each_counter(
        [&](const std::string& key, const Counter& c) { keys.push_back(key + "=" + std::to_string(c.value())); });
    EXPECT_EQ(keys, (std::vector<std::string>{"a{x=1}=1", "b=2"}));
    int gauges = 0;
    r.for_each_gauge([&](const std::string&, const Gauge&) { ++gauges; });
    EXPECT_EQ(gauges, 1);
}

// --- the helpers behind md.volatility and risk.daily_pnl ---

TEST(EwmaVolatility, WeighsReturnsPerSecondWithAlphaOneTenth) {
    EwmaVolatility v;
    v.observe(0, 0.0);  // no market yet: ignored
    v.observe(1'000'000'000, 100.0);
    EXPECT_EQ(v.per_sqrt_second(), 0.0);
    v.observe(2'000'000'000, 101.0);  // 1 s: variance seeded with r1²
    const double r1 = std::log(101.0 / 100.0);
    EXPECT_NEAR(v.per_sqrt_second(), std::abs(r1), 1e-15);
    v.observe(6'000'000'000, 99.0);  // 4 s: r2² / 4 per second
    const double r2 = std::log(99.0 / 101.0);
    EXPECT_NEAR(v.per_sqrt_second(), std::sqrt(0.1 * r2 * r2 / 4 + 0.9 * r1 * r1), 1e-15);
    v.observe(6'000'000'000, 50.0);  // no time passed: no return
    EXPECT_NEAR(v.per_sqrt_second(), std::sqrt(0.1 * r2 * r2 / 4 + 0.9 * r1 * r1), 1e-15);
}

TEST(DailyPnl, RestartsAtTheFirstObservationOfEachUtcDay) {
    DailyPnl d;
    const Timestamp day = DailyPnl::kDay;
    EXPECT_EQ(d.observe(3 * day + 10, 100.0), 0.0);
    EXPECT_EQ(d.observe(3 * day + 20, 112.5), 12.5);
    EXPECT_EQ(d.observe(4 * day - 1, 90.0), -10.0);
    EXPECT_EQ(d.observe(4 * day + 5, 95.0), 0.0);  // a new day starts from its first observation
    EXPECT_EQ(d.observe(4 * day + 6, 96.0), 1.0);
}
