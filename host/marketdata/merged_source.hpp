#pragma once
// Merges several sources into one stream ordered by exchange time. Ties go to
// the source given first, and each source keeps its own order, so the merged
// stream is the same on every run. Optionally cut to a time window.

#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "marketdata/market_data_source.hpp"

namespace trellis::host {

struct TimeWindow {
    std::optional<Timestamp> start;  // events before it are skipped
    std::optional<Timestamp> end;    // the stream stops at the first event at or after it
};

class MergedSource final : public MarketDataSource {
public:
    explicit MergedSource(std::vector<std::unique_ptr<MarketDataSource>> sources, TimeWindow window = {});

    Result<bool> next(MarketEvent& event) override;
    // rows and rejected rows summed over the sources (their first rejection
    // messages concatenated); events = events this merge produced.
    const SourceStats& stats() const override;
    // The mean progress of the sources that can tell (they are read side by
    // side in time, so each one's fraction tracks the others'). With a window
    // end, at least the fraction of the window already passed: the stream
    // stops there however much of the files is left. 1 once the stream ended.
    double progress() const override;

private:
    // Pulls source i's next in-window event into heads_[i] and onto the heap.
    Result<void> refill(std::size_t i);
    bool before(std::size_t a, std::size_t b) const noexcept {
        return heads_[a].ts < heads_[b].ts || (heads_[a].ts == heads_[b].ts && a < b);
    }

    std::vector<std::unique_ptr<MarketDataSource>> sources_;
    TimeWindow window_;
    std::vector<MarketEvent> heads_;  // the next event of each source
    std::vector<std::size_t> heap_;   // sources with a head, min-heap by (ts, source index)
    std::size_t to_refill_;           // source whose head was handed out last; refilled lazily
    bool started_ = false;
    bool ended_ = false;
    std::uint64_t events_ = 0;
    Timestamp first_ts_ = 0;                                     // of the earliest in-window event, known once started
    Timestamp last_ts_ = std::numeric_limits<Timestamp>::min();  // the latest of the events handed out
    mutable SourceStats stats_;
};

}  // namespace trellis::host
