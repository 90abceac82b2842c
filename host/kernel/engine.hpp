#pragma once
// The kernel's one event loop. Market events enter in exchange-time order;
// venues see them at once, strategies after the market-data latency. Order
// requests pass the risk chain and the order manager, then reach the venue
// after the order-entry latency; venue updates reach the host after the
// response latency. Delayed items wait in FIFO delay lines (latencies are
// constant, so each line stays in time order) and in a timer heap; ties are
// broken by the order things were scheduled in, so a run is deterministic.
//
// Nothing on this path locks, allocates (beyond one-off growth) or does I/O.
//
// Telemetry: the engine keeps its own metrics (EngineMetrics, created at
// start) and, every EngineOptions::metrics_interval of host time, refreshes
// the gauges derived from its state and tells every observer a sample is due.

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/risk_policy.hpp"
#include "kernel/book_view.hpp"
#include "kernel/engine_metrics.hpp"
#include "kernel/fifo.hpp"
#include "kernel/kill_switch.hpp"
#include "kernel/metrics_registry.hpp"
#include "kernel/order_manager.hpp"
#include "kernel/portfolio.hpp"
#include "kernel/risk_chain.hpp"
#include "kernel/run_observer.hpp"
#include "kernel/timer_queue.hpp"
#include "marketdata/market_data_source.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/exchange_adapter.hpp"
#include "trellis/strategy.hpp"
#include "util/error.hpp"

namespace trellis::host {

class Logger;
class StrategyContextImpl;
class AdapterContextImpl;
class RiskContextImpl;
class AlertContextImpl;

struct EngineOptions {
    LatencyConfig latency;
    std::uint64_t seed = 0;
    Duration equity_interval = 1'000'000'000;
    std::size_t order_capacity = 1 << 16;
    std::vector<Money> initial_cash;  // per instrument, Money units
    RiskLevelPolicy risk_policy;      // actions per risk level
    // Host time between metric samples (RunObserver::on_metrics_sample); 0 = no samples.
    Duration metrics_interval = 0;
};

struct EngineStats {
    std::uint64_t events = 0;               // market events processed
    std::uint64_t out_of_order_events = 0;  // events older than the clock (processed at the clock's time)
    std::uint64_t rejected_no_slot = 0;     // submits refused: order table full
    std::uint64_t unknown_fills = 0;        // fills for orders the host does not know (still booked)
    std::uint64_t refused_by_state = 0;     // orders refused by the kill switch, reduce-only or a disabled strategy
    std::uint64_t risk_level_changes = 0;
    std::uint64_t alerts = 0;  // alerts raised (risk levels, kill switch, disabled strategies)
    RiskLevel max_risk_level = RiskLevel::Normal;
    double peak_equity = 0.0;   // currency units, summed over instruments
    double max_drawdown = 0.0;  // largest peak-to-trough fall of equity
    Timestamp first_ts = 0;
    Timestamp last_ts = 0;
};

class Engine {
public:
    // venue_of[i] = index of the adapter instrument i trades on.
    Engine(std::vector<InstrumentSpec> instruments, std::vector<std::uint32_t> venue_of, EngineOptions options,
           MetricsRegistry& metrics, Logger& logger);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Wiring, before start(). Plugins are owned by the caller and outlive the engine.
    std::uint32_t add_adapter(std::string name, ExchangeAdapter& adapter);
    std::uint32_t add_strategy(std::string name, Strategy& strategy);
    void add_risk_rule(std::string name, RiskRule& rule);
    void add_alert_sink(std::string name, AlertSink& sink);
    // Observers are told what happens, in the order they were added; null is ignored.
    void add_observer(RunObserver* observer);
    void set_observer(RunObserver* observer) { add_observer(observer); }  // the single-observer spelling

    // Starts venues, risk rules, then strategies; an error names the plugin.
    Result<void> start();
    // Runs until the source ends (time windows are the source's business).
    Result<void> run(MarketDataSource& source);
    // Stops strategies, risk rules and venues (reverse order of start).
    void stop() noexcept;

    const Portfolio& portfolio() const noexcept { return portfolio_; }
    const OrderManager& orders() const noexcept { return orders_; }
    const EngineStats& stats() const noexcept { return stats_; }
    const RiskChain& risk_chain() const noexcept { return risk_; }
    // Runs an intent through the risk chain only, as submit would (for dry runs and benchmarks).
    RiskDecision check_intent(const OrderIntent& intent) noexcept { return risk_.check(intent); }
    const std::vector<InstrumentSpec>& instruments() const noexcept { return instruments_; }
    const BookView& market() const noexcept { return exchange_book_; }
    double equity() const noexcept { return equity_total_; }
    RiskLevel risk_level() const noexcept { return risk_level_; }

    // --- operator controls (engine thread; other threads use kill_switch().request) ---
    KillSwitch& kill_switch() noexcept { return kill_; }
    const KillSwitch& kill_switch() const noexcept { return kill_; }
    void release_kill_switch() noexcept;
    void enable_strategy(std::uint32_t strategy) noexcept;
    bool strategy_enabled(std::uint32_t strategy) const noexcept;
    void raise_alert(AlertSeverity severity, std::string_view source, std::string_view message) noexcept;

    // --- services for the plugin contexts (engine thread only) ---
    Timestamp now() const noexcept { return now_; }
    const InstrumentSpec* instrument(InstrumentId id) const noexcept;
    const InstrumentSpec* find_instrument(std::string_view symbol) const noexcept;
    const BookView& strategy_book() const noexcept { return strategy_book_; }
    const BookView& exchange_book() const noexcept { return exchange_book_; }
    void set_timer(TimerOwner owner, std::uint32_t index, Timestamp at, std::uint64_t token) noexcept;
    OrderId submit(std::uint32_t strategy, const OrderRequest& request) noexcept;
    bool cancel(std::uint32_t strategy, OrderId id) noexcept;
    bool replace(std::uint32_t strategy, OrderId id, Price price, Quantity qty) noexcept;
    void emit(const OrderUpdate& update) noexcept;                                 // from a venue
    void count_reconnect(std::uint32_t venue) noexcept;                            // md.reconnects of a venue
    void cancel_orders(std::uint32_t strategy, InstrumentId instrument) noexcept;  // kNoInstrument: all
    // `source`: who disabled it (the risk rule's name), for the risk event.
    void disable_strategy(std::uint32_t strategy, std::string_view reason, std::string_view source) noexcept;
    std::string_view strategy_name(std::uint32_t strategy) const noexcept;
    std::size_t strategy_count() const noexcept { return strategies_.size(); }
    MetricsRegistry& metrics() noexcept { return metrics_; }
    Logger& logger() noexcept { return logger_; }
    std::uint64_t seed() const noexcept { return options_.seed; }

private:
    struct DelayedMarketEvent {
        Timestamp due;
        std::uint64_t seq;
        MarketEvent event;
    };
    enum class VenueAction : std::uint8_t { New, Cancel, Replace };
    struct DelayedVenueRequest {
        Timestamp due;
        std::uint64_t seq;
        VenueAction action;
        std::uint32_t adapter;
        Order order;        // New: the order; Cancel/Replace: id, and new price/qty in request
        bool kill = false;  // a cancel sent by the kill switch (timed)
    };
    struct DelayedUpdate {
        Timestamp due;
        std::uint64_t seq;
        OrderUpdate update;
    };
    struct StrategySlot;
    struct AdapterSlot;

    // Creates the kernel's metric cells for the wired instruments and plugins (start-up).
    void create_cells();
    void on_market_event(const MarketEvent& e) noexcept;
    // Runs one event a strategy handles (`handle` calls it) and counts it, and
    // the intents it issued, in the strategy's cells.
    template <class Handle>
    void strategy_event(EngineMetrics::Strategy& cells, Handle&& handle) noexcept;
    // Called before the clock moves to `t`: samples the metrics when t passes a boundary.
    void before_clock_moves_to(Timestamp t) noexcept {
        if (t > next_metrics_sample_) [[unlikely]]
            sample_passed_boundary(t);
    }
    void sample_passed_boundary(Timestamp t) noexcept;
    void sample_metrics(Timestamp ts) noexcept;
    // The gauges refreshed, then the sample to `taker` (which asked for it) and to each later observer that asks.
    [[gnu::noinline]] void take_metrics_sample(Timestamp ts, std::vector<RunObserver*>::const_iterator taker) noexcept;
    // Sets the gauges derived from state (engine_gauges.cpp).
    void refresh_gauges(Timestamp ts) noexcept;
    void refresh_quote_gauges(InstrumentId instrument) noexcept;
    void notify_risk_event(RiskEventKind kind, std::string_view source, std::string_view text,
                           std::uint32_t strategy = ~0u) noexcept;
    // The risk level the rules and the kill switch call for now.
    RiskLevel wanted_risk_level() const noexcept;
    // Who caused the current level: the kill switch or the first rule reporting it.
    std::string_view risk_level_source() const noexcept;
    void deliver_to_strategies(const MarketEvent& e) noexcept;
    void deliver_update(const OrderUpdate& u) noexcept;
    // order.ack_latency / order.cancel_latency of an update just applied to `record`.
    void measure_order_latency(const OrderRecord& record, const OrderUpdate& u, bool was_pending,
                               bool was_live) noexcept;
    void send_to_venue(const DelayedVenueRequest& r) noexcept;
    void fire_timer(const PendingTimer& t) noexcept;
    // Runs every delayed item due at or before `until`, in (due, seq) order.
    void drain_until(Timestamp until) noexcept;
    // An update the host itself issues about one of its orders (a local rejection or refusal).
    OrderUpdate host_update(const OrderRecord& record, OrderStatus status, RejectReason reason,
                            std::string_view text) const noexcept;
    void reject_locally(const OrderRecord& record, RejectReason reason, std::string_view text) noexcept;
    // Why the host's own state refuses a request from `strategy` now (kill switch,
    // disabled strategy, reduce-only), or StateRefusal::None. Fills `reason` and `text`.
    StateRefusal refused_by_state(std::uint32_t strategy, const OrderRequest& request, Quantity previous_open,
                                  RejectReason& reason, FixedText<128>& text) const noexcept;
    // Counts a refusal by the host's state (stats, kill-switch report, risk.rejections).
    void count_state_refusal(StateRefusal refusal) noexcept;
    // Sends a cancel for every live order matching (strategy, instrument); ~0u / kNoInstrument = any.
    std::uint64_t cancel_live(std::uint32_t strategy, InstrumentId instrument) noexcept;
    void engage_kill_switch() noexcept;
    // Re-reads the rules' levels and applies the actions of a newly entered level.
    void update_risk_level() noexcept;
    void remark(InstrumentId id) noexcept;
    void sample_equity(Timestamp ts) noexcept;
    double account_equity(InstrumentId id) const noexcept;

    std::vector<InstrumentSpec> instruments_;
    std::vector<std::uint32_t> venue_of_;
    EngineOptions options_;
    MetricsRegistry& metrics_;
    Logger& logger_;
    std::vector<RunObserver*> observers_;
    std::vector<RunObserver*> equity_takers_;  // observers that take equity samples (most do not)
    EngineMetrics cells_;
    bool cells_created_ = false;

    std::vector<std::unique_ptr<StrategySlot>> strategies_;
    std::vector<std::unique_ptr<AdapterSlot>> adapters_;
    RiskChain risk_;
    std::vector<std::unique_ptr<RiskContextImpl>> risk_contexts_;
    struct AlertSlot;
    std::vector<std::unique_ptr<AlertSlot>> alert_sinks_;
    KillSwitch kill_;
    RiskLevel risk_level_ = RiskLevel::Normal;
    std::uint8_t held_actions_ = kActionNone;  // actions of the current level
    std::uint64_t kill_cancels_in_flight_ = 0;
    std::size_t started_adapters_ = 0;
    std::size_t started_strategies_ = 0;
    bool risk_started_ = false;
    std::size_t started_alert_sinks_ = 0;

    OrderManager orders_;
    Portfolio portfolio_;
    BookView exchange_book_;
    BookView strategy_book_;
    Fifo<DelayedMarketEvent> market_line_;
    Fifo<DelayedVenueRequest> venue_line_;
    Fifo<DelayedUpdate> update_line_;
    TimerQueue timers_;

    Timestamp now_ = 0;
    std::uint64_t seq_ = 0;
    Timestamp next_equity_sample_ = 0;
    static constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();
    Timestamp next_metrics_sample_ = kNever;  // the first boundary not sampled yet
    Timestamp last_metrics_sample_ = std::numeric_limits<Timestamp>::min();
    std::vector<std::int64_t> best_bid_scratch_;  // per strategy, for refresh_quote_gauges
    std::vector<std::int64_t> best_ask_scratch_;
    std::vector<double> money_unit_;  // currency units per Money unit, per instrument
    std::vector<double> equity_by_instrument_;
    double equity_total_ = 0.0;
    EngineStats stats_;
};

}  // namespace trellis::host
