#pragma once
// Avellaneda–Stoikov market maker: one PostOnly bid and one PostOnly ask around
// a reservation price that leans against inventory. See README.md.

#include <cstddef>
#include <span>
#include <vector>

#include "avellaneda_stoikov.hpp"
#include "ewma_volatility.hpp"
#include "market_maker_params.hpp"
#include "quote_slot.hpp"
#include "trellis/strategy.hpp"

namespace trellis::market_maker {

class MarketMaker final : public Strategy {
public:
    /// Takes validated params; throws std::invalid_argument for inconsistent ones.
    explicit MarketMaker(const Params& params);

    Status start(StrategyContext& ctx) override;
    void on_quote(const MarketEvent& event) noexcept override;
    void on_order_update(const OrderUpdate& update) noexcept override;
    void stop() noexcept override;
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

    // --- observers (tests, diagnostics) ---
    /// This strategy's position: the account position at start (or the restored
    /// view) plus every fill it has received since.
    Quantity inventory() const noexcept { return inventory_; }
    /// Current σ estimate, ticks per √second.
    double sigma_ticks() const noexcept { return volatility_.sigma(); }
    const QuoteSlot& bid() const noexcept { return bid_; }
    const QuoteSlot& ask() const noexcept { return ask_; }

private:
    void quote_side(QuoteSlot& slot, Side side, bool allowed, Price price, Timestamp now) noexcept;
    void send_new(QuoteSlot& slot, Side side, Price price, Timestamp now) noexcept;
    void send_replace(QuoteSlot& slot, Price price) noexcept;
    void send_cancel(QuoteSlot& slot) noexcept;
    void pull_quotes(Timestamp now) noexcept;
    QuoteSlot* slot_for(OrderId id) noexcept;

    MarketMakerConfig config_;
    AvellanedaStoikov model_;
    EwmaVolatility volatility_;

    // Set in start() from the instrument.
    StrategyContext* ctx_ = nullptr;
    InstrumentId instrument_ = kNoInstrument;
    std::int64_t tick_ = 1;         // tick size, raw price units
    Quantity order_qty_;            // order_size in raw units
    Quantity max_inventory_;        // max_inventory in raw units
    std::int64_t requote_raw_ = 0;  // requote threshold, raw price units
    double units_per_raw_qty_ = 1;  // for the inventory gauge (instrument units)

    Quantity inventory_;
    bool restored_ = false;  // restore() ran: start() must not overwrite the restored inventory
    QuoteSlot bid_;
    QuoteSlot ask_;

    // Host-owned metric cells, looked up once in start().
    Counter* submitted_ = nullptr;
    Counter* replaced_ = nullptr;
    Counter* cancelled_ = nullptr;
    Counter* fills_ = nullptr;
    Counter* rejects_ = nullptr;
    Counter* cancel_rejects_ = nullptr;
    Gauge* inventory_gauge_ = nullptr;
    Gauge* sigma_gauge_ = nullptr;
};

}  // namespace trellis::market_maker
