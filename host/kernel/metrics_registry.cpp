#include "kernel/metrics_registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace trellis::host {

namespace {

std::string_view type_name(MetricType type) noexcept {
    switch (type) {
        case MetricType::Counter:
            return "counter";
        case MetricType::Gauge:
            return "gauge";
        case MetricType::Histogram:
            return "histogram";
    }
    return "metric";
}

std::vector<MetricLabel> to_labels(std::initializer_list<MetricLabelView> views) {
    std::vector<MetricLabel> labels;
    labels.reserve(views.size());
    for (const MetricLabelView& v : views) labels.push_back({std::string(v.key), std::string(v.value)});
    return labels;
}

// Sorted by key, so {a,b} and {b,a} name the same metric. The same key twice
// would make the key ambiguous (and InfluxDB would refuse the point).
std::vector<MetricLabel> sorted(std::vector<MetricLabel> labels, std::string_view name) {
    std::sort(labels.begin(), labels.end(), [](const MetricLabel& a, const MetricLabel& b) { return a.key < b.key; });
    for (std::size_t i = 1; i < labels.size(); ++i)
        if (labels[i].key == labels[i - 1].key)
            throw std::logic_error("metric '" + std::string(name) + "': label '" + labels[i].key + "' given twice");
    return labels;
}

}  // namespace

std::string metric_key(std::string_view name, const std::vector<MetricLabel>& sorted_labels) {
    std::string key(name);
    if (sorted_labels.empty()) return key;
    key += '{';
    for (std::size_t i = 0; i < sorted_labels.size(); ++i) {
        if (i > 0) key += ',';
        key += sorted_labels[i].key;
        key += '=';
        key += sorted_labels[i].value;
    }
    key += '}';
    return key;
}

void MetricsSample::reserve(std::size_t metrics) {
    counters.reserve(metrics);
    gauges.reserve(metrics);
    histograms.reserve(metrics);
}

MetricsRegistry::MetricsRegistry() { infos_.reserve(kMaxMetrics); }

std::size_t MetricsRegistry::find_or_add(std::string_view name, std::vector<MetricLabel> labels, MetricType type,
                                         std::string_view unit) {
    labels = sorted(std::move(labels), name);
    std::string key = metric_key(name, labels);
    if (const auto it = index_.find(key); it != index_.end()) {
        const MetricInfo& existing = infos_[it->second];
        if (existing.type != type)
            throw std::logic_error("metric '" + key + "' is a " + std::string(type_name(existing.type)) +
                                   ", asked for as a " + std::string(type_name(type)));
        return it->second;
    }
    if (infos_.size() >= kMaxMetrics)
        throw std::logic_error("metric '" + key + "': more than " + std::to_string(kMaxMetrics) +
                               " metrics (a label with unbounded values?)");
    std::uint32_t slot = 0;
    switch (type) {
        case MetricType::Counter:
            slot = std::uint32_t(counters_.size());
            counters_.emplace_back();
            break;
        case MetricType::Gauge:
            slot = std::uint32_t(gauges_.size());
            gauges_.emplace_back();
            break;
        case MetricType::Histogram:
            slot = std::uint32_t(histograms_.size());
            histograms_.emplace_back();
            break;
    }
    // Capacity was reserved to kMaxMetrics, so this never moves the descriptions
    // another thread may be reading; the release store publishes the new one.
    infos_.push_back(MetricInfo{std::string(name), std::move(labels), type, std::string(unit), slot});
    const std::size_t index = infos_.size() - 1;
    index_.emplace(std::move(key), index);
    published_.store(infos_.size(), std::memory_order_release);
    return index;
}

Counter& MetricsRegistry::counter(std::string_view name, std::initializer_list<MetricLabelView> labels,
                                  std::string_view unit) {
    return counter(name, to_labels(labels), unit);
}
Gauge& MetricsRegistry::gauge(std::string_view name, std::initializer_list<MetricLabelView> labels,
                              std::string_view unit) {
    return gauge(name, to_labels(labels), unit);
}
Histogram& MetricsRegistry::histogram(std::string_view name, std::initializer_list<MetricLabelView> labels,
                                      std::string_view unit) {
    return histogram(name, to_labels(labels), unit);
}

Counter& MetricsRegistry::counter(std::string_view name, const std::vector<MetricLabel>& labels,
                                  std::string_view unit) {
    return counters_[infos_[find_or_add(name, labels, MetricType::Counter, unit)].slot];
}
Gauge& MetricsRegistry::gauge(std::string_view name, const std::vector<MetricLabel>& labels, std::string_view unit) {
    return gauges_[infos_[find_or_add(name, labels, MetricType::Gauge, unit)].slot];
}
Histogram& MetricsRegistry::histogram(std::string_view name, const std::vector<MetricLabel>& labels,
                                      std::string_view unit) {
    return histograms_[infos_[find_or_add(name, labels, MetricType::Histogram, unit)].slot];
}

void MetricsRegistry::capture(Timestamp ts, MetricsSample& out) noexcept {
    out.ts = ts;
    out.metric_count = std::uint32_t(infos_.size());
    // resize() within the reserved capacity only writes: no allocation.
    out.counters.resize(counters_.size());
    out.gauges.resize(gauges_.size());
    out.histograms.resize(histograms_.size());
    for (std::size_t i = 0; i < counters_.size(); ++i) out.counters[i] = counters_[i].value();
    for (std::size_t i = 0; i < gauges_.size(); ++i) out.gauges[i] = gauges_[i].value();
    for (std::size_t i = 0; i < histograms_.size(); ++i) out.histograms[i] = histograms_[i].drain();
}

std::size_t MetricsRegistry::find(std::string_view name, std::initializer_list<MetricLabelView> labels) const {
    const auto it = index_.find(metric_key(name, sorted(to_labels(labels), name)));
    return it == index_.end() ? infos_.size() : it->second;
}

const Counter* MetricsRegistry::find_counter(std::string_view name,
                                             std::initializer_list<MetricLabelView> labels) const {
    const std::size_t i = find(name, labels);
    return i < infos_.size() && infos_[i].type == MetricType::Counter ? &counters_[infos_[i].slot] : nullptr;
}
const Gauge* MetricsRegistry::find_gauge(std::string_view name, std::initializer_list<MetricLabelView> labels) const {
    const std::size_t i = find(name, labels);
    return i < infos_.size() && infos_[i].type == MetricType::Gauge ? &gauges_[infos_[i].slot] : nullptr;
}
const Histogram* MetricsRegistry::find_histogram(std::string_view name,
                                                 std::initializer_list<MetricLabelView> labels) const {
    const std::size_t i = find(name, labels);
    return i < infos_.size() && infos_[i].type == MetricType::Histogram ? &histograms_[infos_[i].slot] : nullptr;
}

}  // namespace trellis::host
