#pragma once
/// @file context.hpp
/// What the host offers a plugin: clock, instruments, book view, positions,
/// order entry, timers, metrics and log. Valid from start() until stop().

#include <cstdint>
#include <string_view>

#include "trellis/events.hpp"
#include "trellis/metrics.hpp"
#include "trellis/order.hpp"
#include "trellis/types.hpp"

namespace trellis {

/// Severity of a log line.
enum class LogLevel : std::uint8_t { Debug = 0, Info = 1, Warn = 2, Error = 3 };

/// Best bid/ask as the plugin sees it (after market-data latency in a backtest).
struct TopOfBook {
    Price bid;         ///< best bid (raw 0 when the side is empty)
    Price ask;         ///< best ask (raw 0 when the side is empty)
    Quantity bid_qty;  ///< size at the best bid
    Quantity ask_qty;  ///< size at the best ask
    Price last_trade;  ///< price of the last trade seen (raw 0 if none)
    Timestamp ts = 0;  ///< exchange time of the last update
    /// True when both sides are present.
    bool two_sided() const noexcept { return bid_qty.raw > 0 && ask_qty.raw > 0; }
};

/// A strategy's or the account's position in one instrument.
struct PositionView {
    Quantity qty;            ///< signed: > 0 long, < 0 short
    Money open_cost = 0;     ///< cost basis of the open position (signed, Money units)
    Money realized_pnl = 0;  ///< realized PnL before fees
    Money fees = 0;          ///< fees paid (negative = rebates received)
};

/// Services every plugin kind receives.
class Context {
public:
    virtual ~Context() = default;

    /// Current host time: simulated in a backtest, wall clock live.
    virtual Timestamp now() const noexcept = 0;
    /// Number of instruments in the host's table.
    virtual std::size_t instrument_count() const noexcept = 0;
    /// Instrument by id, or nullptr.
    virtual const InstrumentSpec* instrument(InstrumentId id) const noexcept = 0;
    /// Instrument by symbol, or nullptr.
    virtual const InstrumentSpec* find_instrument(std::string_view symbol) const noexcept = 0;
    /// Best bid/ask of an instrument as this plugin sees it.
    virtual TopOfBook top_of_book(InstrumentId id) const noexcept = 0;
    /// Account position in an instrument.
    virtual PositionView position(InstrumentId id) const noexcept = 0;
    /// Asks for on_timer(TimerEvent{at, token}) at host time `at` (>= now()).
    virtual void set_timer(Timestamp at, std::uint64_t token) noexcept = 0;
    /// A deterministic pseudo-random number, seeded from the run's seed.
    virtual std::uint64_t random() noexcept = 0;
    /// A counter owned by the host, named "<plugin>.<name>"; stable address for the run.
    virtual Counter& counter(std::string_view name) = 0;
    /// A gauge owned by the host, named "<plugin>.<name>"; stable address for the run.
    virtual Gauge& gauge(std::string_view name) = 0;
    /// A histogram owned by the host, named "<plugin>.<name>"; stable address for the run.
    virtual Histogram& histogram(std::string_view name) = 0;
    /// Writes a log line tagged with the plugin's name (not for the hot path).
    virtual void log(LogLevel level, std::string_view message) noexcept = 0;
};

/// What a strategy additionally receives: order entry.
class StrategyContext : public Context {
public:
    /// Submits an order. Returns its id, or kNoOrder if the host refused it at
    /// once (the strategy also receives a Rejected update saying why).
    virtual OrderId submit(const OrderRequest& request) noexcept = 0;
    /// Requests cancellation; the outcome arrives as an OrderUpdate.
    /// Returns false if the order is unknown or already terminal.
    virtual bool cancel(OrderId id) noexcept = 0;
    /// Requests a cancel-replace to a new price and total quantity.
    /// Returns false if the order is unknown or already terminal.
    virtual bool replace(OrderId id, Price price, Quantity qty) noexcept = 0;
    /// Number of this strategy's live orders.
    virtual std::size_t open_order_count() const noexcept = 0;
};

/// What an exchange adapter additionally receives: a way to report order updates.
class AdapterContext : public Context {
public:
    /// Reports an order update to the host. update.ts is venue time; in a
    /// backtest the host delivers it after the configured response latency.
    virtual void emit(const OrderUpdate& update) noexcept = 0;
    /// Tells the host the adapter's market-data connection to its venue was
    /// re-established after a loss (a reconnect, not the first connect):
    /// counted in md.reconnects{venue=<adapter>}. What was lost meanwhile is
    /// the adapter's to report (a log line, a snapshot it re-requests).
    virtual void market_data_reconnected() noexcept = 0;
};

}  // namespace trellis
