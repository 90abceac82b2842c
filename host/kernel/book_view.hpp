#pragma once
// Top of book per instrument, maintained from market events. The engine keeps
// two: the exchange-time view (for marking and for venues) and the view
// strategies have after market-data latency.

#include <vector>

#include "trellis/context.hpp"
#include "trellis/events.hpp"

namespace trellis::host {

class BookView {
public:
    explicit BookView(std::size_t instruments) : books_(instruments) {}

    void apply(const MarketEvent& e) noexcept {
        TopOfBook& b = books_[e.instrument];
        if (e.type == MarketEventType::Quote) {
            b.bid = e.quote.bid;
            b.ask = e.quote.ask;
            b.bid_qty = e.quote.bid_qty;
            b.ask_qty = e.quote.ask_qty;
            b.ts = e.ts;
        } else if (e.type == MarketEventType::Trade) {
            b.last_trade = e.trade.price;
            b.ts = e.ts;
        }
    }
    const TopOfBook& operator[](InstrumentId id) const noexcept { return books_[id]; }
    std::size_t size() const noexcept { return books_.size(); }

    // Mid when two-sided (truncated to the raw unit), else the last trade, else 0.
    Price mark(InstrumentId id) const noexcept {
        const TopOfBook& b = books_[id];
        if (b.two_sided()) return Price{(b.bid.raw + b.ask.raw) / 2};
        return b.last_trade;
    }

private:
    std::vector<TopOfBook> books_;
};

}  // namespace trellis::host
