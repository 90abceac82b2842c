// The gauges derived from the engine's state (docs/metrics.md). They are set
// here, right before a sample, and never per event: a sample reads a
// consistent picture of the run at one host time, and the per-event path
// stays free of the divisions, logs and order-book walks below.

#include <algorithm>
#include <limits>

#include "kernel/engine.hpp"

namespace trellis::host {

void Engine::refresh_gauges(Timestamp ts) noexcept {
    if (cells_.instruments.size() != instruments_.size()) return;  // not started: no cells yet
    cells_.flush_distributions();
    for (InstrumentId i = 0; i < instruments_.size(); ++i) {
        const InstrumentSpec& spec = instruments_[i];
        const TopOfBook& book = exchange_book_[i];
        EngineMetrics::Instrument& cells = cells_.instruments[i];

        // Exact mid when both sides are there (the mark truncates to a tick); else the last trade.
        const double mid = book.two_sided() ? 0.5 * (spec.to_double(book.bid) + spec.to_double(book.ask))
                                            : spec.to_double(book.last_trade);
        cells.mid->set(mid);
        cells.mid_volatility.observe(ts, mid);
        cells.volatility->set(cells.mid_volatility.per_sqrt_second());
        const double bid_qty = double(book.bid_qty.raw), ask_qty = double(book.ask_qty.raw);
        cells.book_imbalance->set(bid_qty + ask_qty > 0 ? (bid_qty - ask_qty) / (bid_qty + ask_qty) : 0.0);

        const InstrumentAccount& account = portfolio_.account(i);
        const Price mark = exchange_book_.mark(i);
        cells.inventory->set(spec.to_double(account.position));
        cells.cash->set(double(account.cash) * money_unit_[i]);
        cells.equity->set(account_equity(i));
        cells.unrealized_pnl->set(double(account.unrealized_pnl(mark)) * money_unit_[i]);
        cells.realized_pnl->set(double(account.realized_pnl) * money_unit_[i]);
        cells.fees->set(double(account.fees) * money_unit_[i]);
        refresh_quote_gauges(i);
    }

    for (std::uint32_t s = 0; s < cells_.strategies.size(); ++s) {
        const EngineMetrics::Strategy& cells = cells_.strategies[s];
        cells.open->set(double(orders_.open_orders(s)));
        const double sent = double(cells.sent->value());
        cells.cancel_ratio->set(sent > 0 ? double(cells.cancels->value()) / sent : 0.0);
    }

    cells_.risk_level->set(double(risk_level_));
    cells_.kill_switch->set(kill_.engaged() ? 1.0 : 0.0);
    cells_.daily_pnl->set(cells_.day.observe(ts, equity_total_));
    cells_.drawdown->set(stats_.peak_equity - equity_total_);
}

void Engine::refresh_quote_gauges(InstrumentId instrument) noexcept {
    // One walk per side over the instrument's live orders finds every strategy's best price at once.
    constexpr std::int64_t kNoBid = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kNoAsk = std::numeric_limits<std::int64_t>::max();
    std::fill(best_bid_scratch_.begin(), best_bid_scratch_.end(), kNoBid);
    std::fill(best_ask_scratch_.begin(), best_ask_scratch_.end(), kNoAsk);
    orders_.for_each_live(instrument, Side::Buy, [&](const OrderRecord& r) {
        if (r.order.strategy < best_bid_scratch_.size())
            best_bid_scratch_[r.order.strategy] = std::max(best_bid_scratch_[r.order.strategy], r.price.raw);
    });
    orders_.for_each_live(instrument, Side::Sell, [&](const OrderRecord& r) {
        if (r.order.strategy < best_ask_scratch_.size())
            best_ask_scratch_[r.order.strategy] = std::min(best_ask_scratch_[r.order.strategy], r.price.raw);
    });
    const InstrumentSpec& spec = instruments_[instrument];
    for (std::uint32_t s = 0; s < best_bid_scratch_.size() && s < cells_.strategies.size(); ++s) {
        const EngineMetrics::Quotes& q = cells_.quotes_of(s, instrument);
        const bool has_bid = best_bid_scratch_[s] != kNoBid, has_ask = best_ask_scratch_[s] != kNoAsk;
        const double bid = has_bid ? spec.to_double(Price{best_bid_scratch_[s]}) : 0.0;
        const double ask = has_ask ? spec.to_double(Price{best_ask_scratch_[s]}) : 0.0;
        q.bid->set(bid);
        q.ask->set(ask);
        q.spread->set(has_bid && has_ask ? ask - bid : 0.0);
    }
}

}  // namespace trellis::host
