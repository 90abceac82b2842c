#pragma once
// What the simulated venue knows about one instrument's market: the latest
// L1 quote, which kinds of data it has seen (they select the fill and queue
// mechanisms) and whether it is halted.

#include <cstdint>

#include "trellis/events.hpp"
#include "trellis/types.hpp"

namespace trellis::simex {

/// Displayed liquidity that appeared on each side with a quote (price moved: its whole size;
/// same price: only the growth). Used to turn quote crossings into fills on L1-only data.
struct NewLiquidity {
    std::int64_t bid = 0;
    std::int64_t ask = 0;
};

struct InstrumentMarket {
    Price bid;
    Price ask;
    Quantity bid_qty;
    Quantity ask_qty;
    // Quantity our own taker orders removed from the displayed best since it last
    // changed, so two orders cannot both take the same displayed size.
    std::int64_t taken_bid = 0;
    std::int64_t taken_ask = 0;
    bool trades_seen = false;  ///< a Trade event arrived: resting orders fill on trades only
    bool l3_seen = false;      ///< an L3 order event arrived: the exact queue model is possible
    bool levels_seen = false;  ///< L2 or L3 events arrived: per-price sizes are tracked
    bool halted = false;

    /// Best price and displayed size of one side (qty 0 = empty side).
    Price best_price(Side s) const noexcept { return s == Side::Buy ? bid : ask; }
    std::int64_t best_qty(Side s) const noexcept { return s == Side::Buy ? bid_qty.raw : ask_qty.raw; }

    /// Size an order of side `aggressor` can still take at the opposite best.
    std::int64_t takeable(Side aggressor) const noexcept {
        return aggressor == Side::Buy ? ask_qty.raw - taken_ask : bid_qty.raw - taken_bid;
    }
    /// Records that an order of side `aggressor` took qty at the opposite best.
    void take(Side aggressor, std::int64_t qty) noexcept { (aggressor == Side::Buy ? taken_ask : taken_bid) += qty; }

    /// Applies a new quote; returns the liquidity that newly appeared on each side.
    NewLiquidity apply_quote(const QuotePayload& q) noexcept {
        NewLiquidity fresh;
        fresh.bid = appeared(bid, bid_qty, q.bid, q.bid_qty);
        fresh.ask = appeared(ask, ask_qty, q.ask, q.ask_qty);
        if (q.bid != bid || q.bid_qty != bid_qty) taken_bid = 0;
        if (q.ask != ask || q.ask_qty != ask_qty) taken_ask = 0;
        bid = q.bid;
        ask = q.ask;
        bid_qty = q.bid_qty;
        ask_qty = q.ask_qty;
        return fresh;
    }

private:
    static std::int64_t appeared(Price old_p, Quantity old_q, Price new_p, Quantity new_q) noexcept {
        if (new_q.raw <= 0) return 0;
        if (new_p != old_p || old_q.raw <= 0) return new_q.raw;
        return new_q.raw > old_q.raw ? new_q.raw - old_q.raw : 0;
    }
};

/// True if `price` on side `s` is strictly better than `other` (higher bid, lower ask).
constexpr bool better(Side s, Price price, Price other) noexcept {
    return s == Side::Buy ? price > other : price < other;
}
/// True if a `s`-side limit at `limit` reaches the opposite price `opposite` (crosses or touches).
constexpr bool reaches(Side s, Price limit, Price opposite) noexcept {
    return s == Side::Buy ? limit >= opposite : limit <= opposite;
}

}  // namespace trellis::simex
