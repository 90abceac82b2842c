#include "telemetry/sample_points.hpp"

namespace trellis::host::telemetry {

SamplePointBuilder::SamplePointBuilder(const MetricsRegistry& registry) : registry_(registry) {
    counters_.reserve(MetricsRegistry::kMaxMetrics);
    tags_.reserve(8);
    fields_.reserve(6);
}

Point SamplePointBuilder::build(const MetricsSample& sample, std::size_t index) {
    const MetricInfo& info = registry_.info(index);
    tags_.clear();
    for (const MetricLabel& label : info.labels) tags_.push_back({label.key, label.value});
    fields_.clear();
    switch (info.type) {
        case MetricType::Counter: {
            const std::int64_t count = sample.counters[info.slot];
            if (counters_.size() <= info.slot) counters_.resize(info.slot + 1);
            CounterHistory& last = counters_[info.slot];
            double rate = 0.0;
            if (last.seen && sample.ts > last.ts)
                rate = double(count - last.count) / (double(sample.ts - last.ts) / 1e9);
            last = {count, sample.ts, true};
            fields_.push_back({"count", FieldValue::integer(count)});
            fields_.push_back({"rate", FieldValue::floating(rate)});
            break;
        }
        case MetricType::Gauge:
            fields_.push_back({"value", FieldValue::floating(sample.gauges[info.slot])});
            break;
        case MetricType::Histogram: {
            const HistogramSummary& h = sample.histograms[info.slot];
            fields_.push_back({"count", FieldValue::integer(h.count)});
            fields_.push_back({"p50", FieldValue::integer(h.p50)});
            fields_.push_back({"p99", FieldValue::integer(h.p99)});
            fields_.push_back({"p999", FieldValue::integer(h.p999)});
            fields_.push_back({"max", FieldValue::integer(h.max)});
            fields_.push_back({"mean", FieldValue::floating(h.count > 0 ? double(h.sum) / double(h.count) : 0.0)});
            break;
        }
    }
    return Point{info.name, tags_, fields_, sample.ts};
}

}  // namespace trellis::host::telemetry
