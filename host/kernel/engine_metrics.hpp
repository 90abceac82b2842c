#pragma once
// The kernel's own metrics (docs/metrics.md, areas market data, order
// execution, strategy, risk and account). Every cell is created once, when the
// engine starts, and kept here as a pointer indexed by instrument, strategy,
// venue, reject reason or rule, so the per-event path updates a cell with a
// couple of stores and never looks a name up.
//
// Counters and histograms are updated by the engine as things happen; the
// gauges are derived from the engine's state and refreshed right before each
// sample (Engine::refresh_gauges), never per event.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kernel/coalescing_recorder.hpp"
#include "kernel/common_value_recorder.hpp"
#include "kernel/daily_pnl.hpp"
#include "kernel/ewma_volatility.hpp"
#include "kernel/metrics_registry.hpp"
#include "trellis/order.hpp"

namespace trellis::host {

class RiskChain;

// Why the host's own state refused an order (risk.rejections{rule=...} of the host itself).
enum class StateRefusal : std::uint8_t { None, KillSwitch, ReduceOnly, StrategyDisabled };

// The label values the cells are created for.
struct EngineMetricLabels {
    std::vector<std::string> instruments;  // symbols, by InstrumentId
    std::vector<std::string> strategies;   // by strategy index
    std::vector<std::string> venues;       // adapter names, by adapter index
    std::vector<std::string> rules;        // risk rules in chain order
};

class EngineMetrics {
public:
    struct Instrument {
        Counter* updates = nullptr;  // md.updates
        CommonValueRecorder lag;     // md.lag; common value: the market-data latency
        Gauge* volatility = nullptr;
        Gauge* book_imbalance = nullptr;
        Gauge* mid = nullptr;
        Gauge* inventory = nullptr;  // risk.inventory
        Gauge* cash = nullptr;       // account.*
        Gauge* equity = nullptr;
        Gauge* unrealized_pnl = nullptr;
        Gauge* realized_pnl = nullptr;
        Gauge* fees = nullptr;
        EwmaVolatility mid_volatility;  // state behind md.volatility
    };
    struct Strategy {
        Counter* sent = nullptr;                // order.sent
        Counter* cancels = nullptr;             // order.cancels
        Counter* fills = nullptr;               // order.fills
        Gauge* open = nullptr;                  // order.open
        Counter* events = nullptr;              // strategy.events
        CommonValueRecorder intents_per_event;  // common value 0
        Gauge* cancel_ratio = nullptr;          // risk.cancel_ratio
        std::uint64_t intents = 0;              // submits + cancels + replaces issued, behind intents_per_event
    };
    struct Quotes {  // strategy.* of one (strategy, instrument)
        Gauge* spread = nullptr;
        Gauge* bid = nullptr;
        Gauge* ask = nullptr;
    };
    struct Venue {
        Counter* reconnects = nullptr;      // md.reconnects
        CoalescingRecorder ack_latency;     // order.ack_latency
        CoalescingRecorder cancel_latency;  // order.cancel_latency
    };
    static constexpr std::size_t kReasons = std::size_t(RejectReason::AdapterError) + 1;
    static constexpr std::size_t kStateRefusals = std::size_t(StateRefusal::StrategyDisabled) + 1;

    // Hands the coalesced per-event values to their histograms: before a sample reads them.
    void flush_distributions() noexcept;

    // Creates (or finds) every cell. Start-up only: allocates. `distributions`:
    // whether the kernel's histograms record (see record_distributions).
    // `market_data_latency`: the md.lag of an event without a receive time or received as stamped.
    void create(MetricsRegistry& registry, const EngineMetricLabels& labels, bool distributions,
                Duration market_data_latency);

    // A histogram describes the values of one sample interval; with no samples
    // (metrics_interval 0) there is no interval and nobody reads it, so the
    // kernel skips recording, the costliest part of its per-event metrics.
    // Counters always count (summaries read them).
    bool record_distributions = false;

    std::vector<Instrument> instruments;
    std::vector<Strategy> strategies;
    std::vector<Quotes> quotes;  // [strategy * instrument count + instrument]
    std::vector<Venue> venues;
    std::array<Counter*, kReasons> rejects{};               // order.rejects by RejectReason
    std::vector<Counter*> rule_rejections;                  // risk.rejections by rule, chain order
    std::array<Counter*, kStateRefusals> state_refusals{};  // risk.rejections by host state ([None] unused)
    Gauge* risk_level = nullptr;
    Gauge* kill_switch = nullptr;
    Gauge* daily_pnl = nullptr;
    Gauge* drawdown = nullptr;
    DailyPnl day;  // state behind risk.daily_pnl

    Quotes& quotes_of(std::uint32_t strategy, std::size_t instrument) noexcept {
        return quotes[strategy * instruments.size() + instrument];
    }
    // Copies the rules' own rejection counts into risk.rejections (called after
    // a rejection: the chain counts per rule, and only the rejecting rule moved).
    void count_rule_rejections(const RiskChain& chain) noexcept;
    // order.rejects{reason}.
    void count_reject(RejectReason reason) noexcept {
        const auto i = std::size_t(reason);
        if (i < rejects.size() && rejects[i]) rejects[i]->add();
    }

private:
    std::vector<std::uint64_t> rule_rejections_seen_;
};

}  // namespace trellis::host
