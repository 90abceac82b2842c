#pragma once
// Turns a MetricsSample into one point per metric (docs/metrics.md): the
// measurement is the metric's name, the tags its labels, the fields depend on
// its type — counter: count, rate; gauge: value; histogram: count, p50, p99,
// p999, max, mean. A counter's rate is per second of host time since the
// previous sample this builder turned into points (0 the first time).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "kernel/metrics_registry.hpp"
#include "telemetry/point.hpp"

namespace trellis::host::telemetry {

class SamplePointBuilder {
public:
    explicit SamplePointBuilder(const MetricsRegistry& registry);

    // The point of metric `index` (< sample.metric_count). Views are valid
    // until the next call. Call in sample order: counters remember the last
    // value they published.
    Point build(const MetricsSample& sample, std::size_t index);

    static constexpr std::size_t kMaxNumbers = 6;
    using Numbers = std::array<FieldValue, kMaxNumbers>;
    // build() in two steps, for a caller that may need only the values: the field values of
    // metric `index`, in its fields' order (all of a metric's fields are numbers) — how many;
    // then, if wanted, the point with those values. Call numbers() (or build()) once per metric
    // and sample, in sample order.
    std::size_t numbers(const MetricsSample& sample, std::size_t index, Numbers& out);
    Point point(const MetricsSample& sample, std::size_t index, std::span<const FieldValue> numbers);

private:
    struct CounterHistory {
        std::int64_t count = 0;
        Timestamp ts = 0;
        bool seen = false;
    };

    const MetricsRegistry& registry_;
    std::vector<CounterHistory> counters_;  // by counter slot
    std::vector<Tag> tags_;
    std::vector<Field> fields_;
};

}  // namespace trellis::host::telemetry
