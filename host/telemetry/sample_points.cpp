#include "telemetry/sample_points.hpp"

namespace trellis::host::telemetry {

SamplePointBuilder::SamplePointBuilder(const MetricsRegistry& registry) : registry_(registry) {
    counters_.reserve(MetricsRegistry::kMaxMetrics);
    tags_.reserve(8);
    fields_.reserve(6);
}

namespace {

// Keys of each type's fields, in the order numbers() gives their values.
constexpr std::string_view kCounterKeys[] = {"count", "rate"};
constexpr std::string_view kGaugeKeys[] = {"value"};
constexpr std::string_view kHistogramKeys[] = {"count", "p50", "p99", "p999", "max", "mean"};

std::span<const std::string_view> keys_of(MetricType type) noexcept {
    switch (type) {
        case MetricType::Counter:
            return kCounterKeys;
        case MetricType::Gauge:
            return kGaugeKeys;
        case MetricType::Histogram:
            return kHistogramKeys;
    }
    return {};
}

}  // namespace

Point SamplePointBuilder::build(const MetricsSample& sample, std::size_t index) {
    Numbers values;
    const std::size_t n = numbers(sample, index, values);
    return point(sample, index, std::span(values.data(), n));
}

Point SamplePointBuilder::point(const MetricsSample& sample, std::size_t index, std::span<const FieldValue> numbers) {
    const MetricInfo& info = registry_.info(index);
    tags_.clear();
    for (const MetricLabel& label : info.labels) tags_.push_back({label.key, label.value});
    fields_.clear();
    const std::span<const std::string_view> keys = keys_of(info.type);
    for (std::size_t i = 0; i < numbers.size(); ++i) fields_.push_back({keys[i], numbers[i]});
    return Point{info.name, tags_, fields_, sample.ts};
}

std::size_t SamplePointBuilder::numbers(const MetricsSample& sample, std::size_t index, Numbers& out) {
    const MetricInfo& info = registry_.info(index);
    switch (info.type) {
        case MetricType::Counter: {
            const std::int64_t count = sample.counters[info.slot];
            if (counters_.size() <= info.slot) counters_.resize(info.slot + 1);
            CounterHistory& last = counters_[info.slot];
            double rate = 0.0;
            if (last.seen && sample.ts > last.ts)
                rate = double(count - last.count) / (double(sample.ts - last.ts) / 1e9);
            last = {count, sample.ts, true};
            out[0] = FieldValue::integer(count);
            out[1] = FieldValue::floating(rate);
            return 2;
        }
        case MetricType::Gauge:
            out[0] = FieldValue::floating(sample.gauges[info.slot]);
            return 1;
        case MetricType::Histogram: {
            const HistogramSummary& h = sample.histograms[info.slot];
            out[0] = FieldValue::integer(h.count);
            out[1] = FieldValue::integer(h.p50);
            out[2] = FieldValue::integer(h.p99);
            out[3] = FieldValue::integer(h.p999);
            out[4] = FieldValue::integer(h.max);
            out[5] = FieldValue::floating(h.count > 0 ? double(h.sum) / double(h.count) : 0.0);
            return 6;
        }
    }
    return 0;
}

}  // namespace trellis::host::telemetry
