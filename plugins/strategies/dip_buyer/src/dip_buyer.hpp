#pragma once
// Dip buyer: buys when the mid falls dip_ticks below its rolling high, sells
// the whole position on take-profit, stop-loss or timeout, then cools down.
// One position and one order at a time. See README.md.

#include <cstddef>
#include <span>
#include <vector>

#include "dip_buyer_params.hpp"
#include "rolling_high.hpp"
#include "trellis/strategy.hpp"

namespace trellis::dip_buyer {

/// Why the position is being closed.
enum class ExitReason : std::uint8_t { None = 0, TakeProfit = 1, StopLoss = 2, Timeout = 3 };

class DipBuyer final : public Strategy {
public:
    /// Takes validated params; throws std::invalid_argument for inconsistent ones.
    explicit DipBuyer(const Params& params);

    Status start(StrategyContext& ctx) override;
    void on_quote(const MarketEvent& event) noexcept override;
    void on_order_update(const OrderUpdate& update) noexcept override;
    void on_timer(const TimerEvent& timer) noexcept override;
    void stop() noexcept override;
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

    // --- observers (tests, diagnostics) ---
    /// Quantity bought and not yet sold by this strategy.
    Quantity held() const noexcept { return held_; }
    ExitReason exit_reason() const noexcept { return exit_reason_; }
    OrderId working_order() const noexcept { return order_.id; }
    const RollingHigh& rolling_high() const noexcept { return rolling_; }

private:
    /// The one order this strategy may have in flight.
    struct WorkingOrder {
        OrderId id = kNoOrder;
        Side side = Side::Buy;
        Price price;
        Quantity qty;
    };

    void maybe_enter(const QuotePayload& book, Timestamp market_ts, Timestamp now) noexcept;
    void check_exit_triggers(const QuotePayload& book) noexcept;
    void send_exit(Price bid, Timestamp now) noexcept;
    bool send(const OrderRequest& request, Timestamp now) noexcept;
    void apply_fill(const OrderUpdate& update, Timestamp now) noexcept;
    void arm_timeout() noexcept;

    DipBuyerConfig config_;
    RollingHigh rolling_;  // of mid × 2 (bid + ask, exact in raw units)

    // Set in start() from the instrument.
    StrategyContext* ctx_ = nullptr;
    InstrumentId instrument_ = kNoInstrument;
    std::int64_t tick_ = 1;
    Quantity order_qty_;

    WorkingOrder order_;
    Quantity held_;         // bought minus sold in the current position
    Quantity entry_qty_;    // everything bought in the current position
    Money entry_cost_ = 0;  // what it cost: average entry = entry_cost_ / entry_qty_
    Timestamp position_since_ = 0;
    std::uint64_t timer_token_ = 0;  // bumped per position so a stale timeout is recognized
    ExitReason exit_reason_ = ExitReason::None;
    Timestamp cooldown_until_ = 0;
    Timestamp retry_after_ = 0;

    Counter* entries_ = nullptr;
    Counter* exits_take_profit_ = nullptr;
    Counter* exits_stop_loss_ = nullptr;
    Counter* exits_timeout_ = nullptr;
    Counter* rejects_ = nullptr;
    Counter* window_overflows_ = nullptr;
};

}  // namespace trellis::dip_buyer
