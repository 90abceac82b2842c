#pragma once
// Base of the text readers. Each input row (LOBSTER, Binance) or message
// (Coinbase) turns into zero or more events; they wait in a reusable buffer
// that is sized by the largest row, never by the file.

#include <cstddef>
#include <span>
#include <vector>

#include "marketdata/market_data_source.hpp"
#include "marketdata/row_rejector.hpp"

namespace trellis::host {

// The events of one row, handed out in order. Capacity is kept across rows,
// so steady-state reading does not allocate.
class PendingEvents {
public:
    explicit PendingEvents(std::size_t expected_per_row) { events_.reserve(expected_per_row); }

    // A new zeroed event at the back (zeroed so binary files are byte-reproducible).
    MarketEvent& push() { return events_.emplace_back(); }
    bool pop(MarketEvent& out) noexcept {
        if (next_ == events_.size()) return false;
        out = events_[next_++];
        return true;
    }
    void clear() noexcept {
        events_.clear();
        next_ = 0;
    }
    std::size_t size() const noexcept { return events_.size(); }
    std::span<const MarketEvent> events() const noexcept { return events_; }

private:
    std::vector<MarketEvent> events_;
    std::size_t next_ = 0;
};

class RowEventSource : public MarketDataSource {
public:
    Result<bool> next(MarketEvent& event) final {
        while (!pending_.pop(event)) {
            pending_.clear();
            auto more = read_row();
            if (!more) return std::unexpected(std::move(more.error()));
            if (!*more) return false;
        }
        ++stats_.events;
        return true;
    }
    const SourceStats& stats() const final { return stats_; }

protected:
    RowEventSource(bool skip_bad_rows, std::size_t expected_events_per_row)
        : rejector_(skip_bad_rows, stats_), pending_(expected_events_per_row) {}
    RowEventSource(const RowEventSource&) = delete;  // rejector_ points at stats_
    RowEventSource& operator=(const RowEventSource&) = delete;

    // Reads the next row, appending its events to pending(); false at the end.
    // A malformed row goes to reject_row() and the reader moves on (skip mode).
    virtual Result<bool> read_row() = 0;

    // Drops the events of the malformed row at path:line and hands it to the
    // rejector: an error in strict mode; counted in skip mode, and the caller
    // reads on.
    Result<void> reject_row(std::string_view path, std::uint64_t line, std::string_view reason) {
        pending_.clear();
        return rejector_.reject(row_error(path, line, reason));
    }

    PendingEvents& pending() noexcept { return pending_; }
    SourceStats& mutable_stats() noexcept { return stats_; }

private:
    SourceStats stats_;
    RowRejector rejector_;
    PendingEvents pending_;
};

}  // namespace trellis::host
