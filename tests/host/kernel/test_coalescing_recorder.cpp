// Run-length coalescing and common-value counting in front of a Histogram: the same
// counts, percentiles and sum as recording every value, whatever the runs look like.
#include <gtest/gtest.h>

#include <vector>

#include "kernel/coalescing_recorder.hpp"
#include "kernel/common_value_recorder.hpp"

namespace trellis::host {
namespace {

HistogramSummary direct(const std::vector<std::int64_t>& values) {
    Histogram h;
    for (auto v : values) h.record(v);
    return h.drain();
}

HistogramSummary coalesced(const std::vector<std::int64_t>& values) {
    Histogram h;
    CoalescingRecorder r;
    r.attach(&h);
    for (auto v : values) r.record(v);
    r.flush();
    return h.drain();
}

void expect_same(const HistogramSummary& a, const HistogramSummary& b) {
    EXPECT_EQ(a.count, b.count);
    EXPECT_EQ(a.p50, b.p50);
    EXPECT_EQ(a.p99, b.p99);
    EXPECT_EQ(a.p999, b.p999);
    EXPECT_EQ(a.max, b.max);
    EXPECT_EQ(a.sum, b.sum);
}

TEST(CoalescingRecorder, RunsGiveTheSameSummaryAsSingleRecords) {
    const std::vector<std::int64_t> values{0, 0, 0, 3, 3, 0, 150'000, 150'000, 150'000, 7, 0, 0, -4, -4, 99};
    expect_same(coalesced(values), direct(values));
    const HistogramSummary s = coalesced(values);
    EXPECT_EQ(s.count, 15);
    EXPECT_EQ(s.sum, 3 + 3 + 3 * 150'000 + 7 + 99);  // negatives count as 0
    EXPECT_EQ(s.max, 150'000);
}

TEST(CoalescingRecorder, NothingReachesTheHistogramBeforeFlushAndNothingTwiceAfter) {
    Histogram h;
    CoalescingRecorder r;
    r.attach(&h);
    for (int i = 0; i < 1000; ++i) r.record(50);
    EXPECT_EQ(h.total_count(), 0);
    r.flush();
    r.flush();
    EXPECT_EQ(h.total_count(), 1000);
    const HistogramSummary s = h.drain();
    EXPECT_EQ(s.count, 1000);
    EXPECT_EQ(s.p50, 50);
    EXPECT_EQ(s.sum, 50'000);
    r.record(50);  // a new run after a flush starts from one
    r.flush();
    EXPECT_EQ(h.drain().count, 1);
}

// Per-event values fed the common-value way: the common ones skipped by the caller, events counted apart.
HistogramSummary by_common(Histogram& h, CommonValueRecorder& r, std::uint64_t& events, std::int64_t common,
                           const std::vector<std::int64_t>& values) {
    for (auto v : values) {
        ++events;
        if (v != common) r.record_other(v);
    }
    r.flush(events);
    return h.drain();
}

TEST(CommonValueRecorder, ZerosFromTheEventCountGiveTheSameSummary) {
    Histogram h;
    CommonValueRecorder r;
    r.attach(&h);  // common value 0: intents per event
    std::uint64_t events = 0;
    const std::vector<std::int64_t> first{0, 0, 1, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 5, 0};
    expect_same(by_common(h, r, events, 0, first), direct(first));
    // The next interval counts only its own events and zeros.
    const std::vector<std::int64_t> second{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3};
    const HistogramSummary s = by_common(h, r, events, 0, second);
    expect_same(s, direct(second));
    EXPECT_EQ(s.count, 22);
    EXPECT_EQ(s.p50, 0);
    EXPECT_EQ(s.max, 3);
    // An interval without events records nothing; one of zeros only records its zeros.
    EXPECT_EQ(by_common(h, r, events, 0, {}).count, 0);
    const HistogramSummary zeros = by_common(h, r, events, 0, {0, 0, 0});
    EXPECT_EQ(zeros.count, 3);
    EXPECT_EQ(zeros.max, 0);
}

// md.lag: 50 µs for every event without a receive time, the measured lag for the others — which
// may be the common value too (recorded as an other: the counts stay exact).
TEST(CommonValueRecorder, ANonZeroCommonValueGivesTheSameSummary) {
    constexpr std::int64_t kLatency = 50'000;
    Histogram h;
    CommonValueRecorder r;
    r.attach(&h, kLatency);
    std::uint64_t events = 0;
    const std::vector<std::int64_t> lags{kLatency, kLatency, 51'200, kLatency, 49'000, kLatency, kLatency, 900'000};
    const HistogramSummary s = by_common(h, r, events, kLatency, lags);
    expect_same(s, direct(lags));
    EXPECT_EQ(s.count, 8);
    EXPECT_EQ(s.max, 900'000);
    r.record_other(kLatency);  // an event with a receive time whose lag equals the latency
    ++events;
    expect_same(by_common(h, r, events, kLatency, {kLatency, kLatency}), direct({kLatency, kLatency, kLatency}));
}

TEST(Histogram, RecordTimesEqualsRepeatedRecords) {
    Histogram a, b;
    a.record(1234, 17);
    for (int i = 0; i < 17; ++i) b.record(1234);
    a.record(5, 0);  // nothing
    expect_same(a.drain(), b.drain());
}

}  // namespace
}  // namespace trellis::host
