#pragma once
// Counters, gauges and histograms owned by the host. A metric is a name plus
// labels (e.g. "md.updates" {instrument=AAPL}); asking twice for the same name
// and labels gives the same cell. Cells have stable addresses for the whole
// run, so plugins and the kernel keep references and update them without
// lookups; creating a cell is a start-up operation (it may allocate).
//
// The engine thread captures every value into a MetricsSample at each
// telemetry interval (capture() — no allocation once the sample has been
// reserved); another thread reads the descriptions of the metrics captured
// (info(i) for i < sample.metric_count), which never move once published.

#include <atomic>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trellis/metrics.hpp"
#include "trellis/types.hpp"

namespace trellis::host {

enum class MetricType : std::uint8_t { Counter, Gauge, Histogram };

struct MetricLabel {
    std::string key;
    std::string value;
};

struct MetricLabelView {
    std::string_view key;
    std::string_view value;
};

struct MetricInfo {
    std::string name;                 // e.g. "order.send_ack_latency"
    std::vector<MetricLabel> labels;  // sorted by key
    MetricType type = MetricType::Counter;
    std::string unit;        // e.g. "ns", "events", "currency"; may be empty
    std::uint32_t slot = 0;  // index among the metrics of its type (see MetricsSample)
};

// One capture of the registry at host time `ts`.
struct MetricsSample {
    Timestamp ts = 0;
    std::uint32_t metric_count = 0;            // metrics [0, metric_count) of the registry were captured
    std::vector<std::int64_t> counters;        // by MetricInfo::slot of counters
    std::vector<double> gauges;                // by MetricInfo::slot of gauges
    std::vector<HistogramSummary> histograms;  // by MetricInfo::slot of histograms; the interval since the last capture

    // Reserves room for `metrics` cells of each type, so capture() does not allocate.
    void reserve(std::size_t metrics);
};

class MetricsRegistry {
public:
    // More metrics than this is a configuration mistake (a label with unbounded values).
    static constexpr std::size_t kMaxMetrics = 4096;

    MetricsRegistry();
    MetricsRegistry(const MetricsRegistry&) = delete;
    MetricsRegistry& operator=(const MetricsRegistry&) = delete;

    // Finds or creates a cell. `unit` is recorded on creation. Asking for an
    // existing name+labels with another type is a programming error (throws
    // std::logic_error); so is exceeding kMaxMetrics.
    Counter& counter(std::string_view name, std::initializer_list<MetricLabelView> labels = {},
                     std::string_view unit = {});
    Gauge& gauge(std::string_view name, std::initializer_list<MetricLabelView> labels = {}, std::string_view unit = {});
    Histogram& histogram(std::string_view name, std::initializer_list<MetricLabelView> labels = {},
                         std::string_view unit = {});
    // Same, with labels built at run time.
    Counter& counter(std::string_view name, const std::vector<MetricLabel>& labels, std::string_view unit = {});
    Gauge& gauge(std::string_view name, const std::vector<MetricLabel>& labels, std::string_view unit = {});
    Histogram& histogram(std::string_view name, const std::vector<MetricLabel>& labels, std::string_view unit = {});

    // Number of metrics registered (any thread; acquire).
    std::size_t size() const noexcept { return published_.load(std::memory_order_acquire); }
    // Description of metric i < size() (any thread).
    const MetricInfo& info(std::size_t i) const noexcept { return infos_[i]; }

    // Engine thread: copies every counter and gauge and drains every histogram into `out`.
    void capture(Timestamp ts, MetricsSample& out) noexcept;

    // Values by description, for summaries and tests (engine thread or after the run).
    const Counter* find_counter(std::string_view name, std::initializer_list<MetricLabelView> labels = {}) const;
    const Gauge* find_gauge(std::string_view name, std::initializer_list<MetricLabelView> labels = {}) const;
    const Histogram* find_histogram(std::string_view name, std::initializer_list<MetricLabelView> labels = {}) const;

    // Visits every counter / gauge as (key, cell) in key order; key is name{k=v,...}.
    template <class F>
    void for_each_counter(F&& f) const {
        for (const auto& [key, index] : index_)
            if (infos_[index].type == MetricType::Counter) f(key, counters_[infos_[index].slot]);
    }
    template <class F>
    void for_each_gauge(F&& f) const {
        for (const auto& [key, index] : index_)
            if (infos_[index].type == MetricType::Gauge) f(key, gauges_[infos_[index].slot]);
    }

private:
    std::size_t find_or_add(std::string_view name, std::vector<MetricLabel> labels, MetricType type,
                            std::string_view unit);
    std::size_t find(std::string_view name, std::initializer_list<MetricLabelView> labels) const;

    std::vector<MetricInfo> infos_;  // reserved to kMaxMetrics: elements never move
    std::atomic<std::size_t> published_{0};
    std::map<std::string, std::size_t, std::less<>> index_;  // key -> index in infos_
    std::deque<Counter> counters_;                           // deque: addresses stay valid as it grows
    std::deque<Gauge> gauges_;
    std::deque<Histogram> histograms_;
};

// The key naming a metric: name{k1=v1,k2=v2} (labels sorted by key), or name alone.
std::string metric_key(std::string_view name, const std::vector<MetricLabel>& sorted_labels);

}  // namespace trellis::host
