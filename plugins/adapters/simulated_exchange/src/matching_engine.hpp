#pragma once
// The simulated venue's matching logic, independent of the plugin wrapper so
// tests can drive it directly. The host calls submit/cancel/replace when a
// request ARRIVES at the venue and on_market_data at exchange time for every
// event; every update is emitted with ts = ctx.now() (the kernel applies the
// response latency). Fill rules and queue models are described in README.md.
//
// Split by concern across three sources: matching_engine_orders.cpp (order
// entry and taking liquidity), matching_engine_market.cpp (market data,
// resting fills, queue updates) and matching_engine_snapshot.cpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "exchange_config.hpp"
#include "instrument_market.hpp"
#include "late_venue_orders.hpp"
#include "level_sizes.hpp"
#include "recent_terminal_ids.hpp"
#include "resting_orders.hpp"
#include "trellis/context.hpp"
#include "trellis/status.hpp"
#include "update_emitter.hpp"

namespace trellis::simex {

class MatchingEngine {
public:
    /// Allocates every table at its configured capacity.
    explicit MatchingEngine(const ExchangeConfig& config);

    /// Binds to the host and sizes per-instrument state (unless restore() already did;
    /// then the instrument count must match).
    Status start(AdapterContext& ctx);

    void on_market_data(const MarketEvent& event) noexcept;
    void submit(const Order& order) noexcept;
    void cancel(OrderId id) noexcept;
    void replace(OrderId id, Price price, Quantity qty) noexcept;

    /// Versioned bytes: market view, resting orders with their queue state, tracked venue
    /// orders and levels, recently terminal ids.
    std::vector<std::byte> snapshot() const;
    /// Replaces the whole state with a snapshot; on error the state is unchanged.
    Status restore(std::span<const std::byte> bytes);

    /// Number of resting orders.
    std::size_t open_order_count() const noexcept { return resting_.size(); }
    /// Queue state of a resting order (nullopt if not resting).
    std::optional<QueuePosition> queue_position(OrderId id) const noexcept;
    /// Filled quantity of a resting order (nullopt if not resting).
    std::optional<std::int64_t> filled_qty(OrderId id) const noexcept;
    const ExchangeConfig& config() const noexcept { return config_; }

private:
    // --- order entry (matching_engine_orders.cpp) ---
    bool validate_price_qty(const InstrumentSpec& spec, Price price, bool check_price, Quantity qty,
                            RejectReason& reason, ReasonText& why) const noexcept;
    bool would_self_match(InstrumentId instrument, Side side, bool is_market, Price price) const noexcept;
    bool marketable(const InstrumentMarket& m, Side side, Price price) const noexcept;
    std::int64_t take_liquidity(const Order& order, std::int64_t filled) noexcept;
    void join_queue(RestingOrder& order) noexcept;
    void refuse_unknown_or_finished(OrderId id) noexcept;

    // --- market data (matching_engine_market.cpp) ---
    enum class SweepKind : std::uint8_t { Trade, QuoteCross };
    void on_quote(const MarketEvent& e, InstrumentMarket& m) noexcept;
    void on_trade(const MarketEvent& e, InstrumentMarket& m) noexcept;
    void on_order_add(const MarketEvent& e, InstrumentMarket& m) noexcept;
    void on_order_cancel(const MarketEvent& e, InstrumentMarket& m) noexcept;
    void on_book_level(const MarketEvent& e, InstrumentMarket& m) noexcept;
    void on_halt(const MarketEvent& e) noexcept;
    void observe_best(InstrumentId instrument, Side side, const InstrumentMarket& m) noexcept;
    void sweep(InstrumentId instrument, Side resting_side, Price price, std::int64_t qty, SweepKind kind) noexcept;
    void fill_resting(std::uint32_t index, Price price, std::int64_t qty) noexcept;
    void record_late_add(const MarketEvent& e) noexcept;
    bool exact_queue(const InstrumentMarket& m) const noexcept;

    void finish(OrderId id) noexcept { terminal_.add(id); }

    ExchangeConfig config_;
    UpdateEmitter emit_;
    std::vector<InstrumentMarket> markets_;
    RestingOrders resting_;
    LateVenueOrders late_;
    LevelSizes levels_;
    RecentTerminalIds terminal_;
    std::uint64_t seq_ = 0;  // market events seen; orders remember it on arrival
    bool restored_ = false;
    bool warned_late_overflow_ = false;
};

}  // namespace trellis::simex
