#pragma once
// Counters and gauges owned by the host. Cells have stable addresses for the
// whole run, so plugins and the kernel keep references and update them
// without lookups; creating a cell is a start-up operation.

#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "trellis/metrics.hpp"

namespace trellis::host {

class MetricsRegistry {
public:
    Counter& counter(std::string_view name) { return cell(counters_, counter_cells_, name); }
    Gauge& gauge(std::string_view name) { return cell(gauges_, gauge_cells_, name); }

    // Visits every counter / gauge in name order.
    template <class F>
    void for_each_counter(F&& f) const {
        for (const auto& [name, c] : counters_) f(name, *c);
    }
    template <class F>
    void for_each_gauge(F&& f) const {
        for (const auto& [name, g] : gauges_) f(name, *g);
    }

private:
    template <class Cell>
    static Cell& cell(std::map<std::string, Cell*, std::less<>>& index, std::deque<Cell>& cells,
                      std::string_view name) {
        if (auto it = index.find(name); it != index.end()) return *it->second;
        Cell& c = cells.emplace_back();  // deque: addresses stay valid as it grows
        index.emplace(std::string(name), &c);
        return c;
    }

    std::deque<Counter> counter_cells_;
    std::deque<Gauge> gauge_cells_;
    std::map<std::string, Counter*, std::less<>> counters_;
    std::map<std::string, Gauge*, std::less<>> gauges_;
};

}  // namespace trellis::host
