#pragma once
// Test double for MarketDataSource: replays a vector of events.

#include <vector>

#include "marketdata/market_data_source.hpp"

namespace trellis::fakes {

class VectorSource final : public host::MarketDataSource {
public:
    explicit VectorSource(std::vector<MarketEvent> events) : events_(std::move(events)) {}
    host::Result<bool> next(MarketEvent& e) override {
        if (i_ >= events_.size()) return false;
        e = events_[i_++];
        ++stats_.events;
        return true;
    }
    const host::SourceStats& stats() const override { return stats_; }

private:
    std::vector<MarketEvent> events_;
    std::size_t i_ = 0;
    host::SourceStats stats_;
};

inline MarketEvent quote(Timestamp ts, std::int64_t bid, std::int64_t ask, std::int64_t bid_qty = 100,
                         std::int64_t ask_qty = 100, InstrumentId instrument = 0) {
    MarketEvent e;
    e.ts = e.recv_ts = ts;
    e.instrument = instrument;
    e.type = MarketEventType::Quote;
    e.quote = {Price{bid}, Price{ask}, Quantity{bid_qty}, Quantity{ask_qty}};
    return e;
}

}  // namespace trellis::fakes
