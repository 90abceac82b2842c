#include "marketdata/merged_source.hpp"

#include <algorithm>

#include "marketdata/row_rejector.hpp"

namespace trellis::host {

namespace {
constexpr std::size_t kNone = ~std::size_t{0};
}

MergedSource::MergedSource(std::vector<std::unique_ptr<MarketDataSource>> sources, TimeWindow window)
    : sources_(std::move(sources)), window_(window), heads_(sources_.size()), to_refill_(kNone) {
    heap_.reserve(sources_.size());
}

Result<void> MergedSource::refill(std::size_t i) {
    for (;;) {
        auto more = sources_[i]->next(heads_[i]);
        if (!more) return std::unexpected(std::move(more.error()));
        if (!*more) return {};  // source exhausted: it leaves the heap
        if (window_.start && heads_[i].ts < *window_.start) continue;
        break;
    }
    heap_.push_back(i);
    // std heaps put the "largest" first; invert to get the earliest event on top.
    std::push_heap(heap_.begin(), heap_.end(), [this](std::size_t a, std::size_t b) { return before(b, a); });
    return {};
}

Result<bool> MergedSource::next(MarketEvent& event) {
    if (ended_) return false;
    if (!started_) {
        started_ = true;
        for (std::size_t i = 0; i < sources_.size(); ++i)
            if (auto r = refill(i); !r) return std::unexpected(std::move(r.error()));
        if (!heap_.empty()) first_ts_ = heads_[heap_.front()].ts;
    } else if (to_refill_ != kNone) {
        // Refilled only now, so a source is never read further than the consumer asked.
        const std::size_t i = std::exchange(to_refill_, kNone);
        if (auto r = refill(i); !r) return std::unexpected(std::move(r.error()));
    }
    if (heap_.empty()) {
        ended_ = true;
        return false;
    }

    std::pop_heap(heap_.begin(), heap_.end(), [this](std::size_t a, std::size_t b) { return before(b, a); });
    const std::size_t i = heap_.back();
    heap_.pop_back();
    if (window_.end && heads_[i].ts >= *window_.end) {
        ended_ = true;
        return false;
    }
    event = heads_[i];
    to_refill_ = i;
    last_ts_ = std::max(last_ts_, event.ts);  // so progress() never goes back, even on unordered input
    ++events_;
    return true;
}

double MergedSource::progress() const {
    if (ended_) return 1.0;
    double sum = 0.0;
    std::size_t known = 0;
    for (const auto& source : sources_) {
        if (const double p = source->progress(); p >= 0.0) {
            sum += p;
            ++known;
        }
    }
    double fraction = known > 0 ? sum / double(known) : -1.0;
    if (window_.end && events_ > 0) {
        const Timestamp from = window_.start.value_or(first_ts_);
        if (*window_.end > from && last_ts_ > from)
            fraction = std::max(fraction,
                                progress_fraction(std::uint64_t(last_ts_ - from), std::uint64_t(*window_.end - from)));
    }
    return fraction;
}

const SourceStats& MergedSource::stats() const {
    stats_ = SourceStats{};
    stats_.events = events_;
    for (const auto& source : sources_) {
        const SourceStats& s = source->stats();
        stats_.rows += s.rows;
        stats_.rejected_rows += s.rejected_rows;
        for (const std::string& message : s.first_rejections)
            if (stats_.first_rejections.size() < RowRejector::kKeptMessages) stats_.first_rejections.push_back(message);
    }
    return stats_;
}

}  // namespace trellis::host
