#pragma once
// What the engine tells an observer (the CSV recorder, the telemetry
// publisher, tests) as a run goes. Every call happens on the engine thread and
// must not block: an observer that ships data elsewhere copies it into a
// bounded queue and returns.

#include <string_view>

#include "kernel/order_manager.hpp"
#include "kernel/portfolio.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::host {

// A change of the host's risk state (not a single order rejection: those are
// order updates with status Rejected and the rule in their text).
enum class RiskEventKind : std::uint8_t {
    LevelChanged,        // the host's risk level moved to `level`
    KillSwitchEngaged,   // `text` says why
    KillSwitchReleased,  // by the operator
    StrategyDisabled,    // `strategy` stopped by a rule; `text` says why
    StrategyEnabled,     // `strategy` re-enabled by the operator
};

struct RiskEvent {
    Timestamp ts = 0;
    RiskEventKind kind = RiskEventKind::LevelChanged;
    RiskLevel level = RiskLevel::Normal;  // the host's level after the event
    std::uint32_t strategy = ~0u;         // for Strategy* kinds
    std::string_view source;              // rule, strategy or subsystem that caused it
    std::string_view text;
};

class RunObserver {
public:
    virtual ~RunObserver() = default;
    // An order left the host for the risk chain and the venue (or was refused at once).
    virtual void on_order_created(const OrderRecord& /*record*/) {}
    // An order — or a cancel-replace of it — passed every check and was released toward its venue.
    virtual void on_order_released(const OrderRecord& /*record*/) {}
    // An update was applied; `record` is the state after it (nullptr for unknown orders).
    virtual void on_order_update(const OrderRecord* /*record*/, const OrderUpdate& /*update*/) {}
    // The order reached a terminal state (called once per order, after on_order_update).
    virtual void on_order_closed(const OrderRecord& /*record*/) {}
    // A fill was booked; `account` is the instrument's account after it.
    virtual void on_fill(const OrderUpdate& /*fill*/, std::uint32_t /*strategy*/,
                         const InstrumentAccount& /*account*/) {}
    // Whether this observer wants on_equity_sample (asked once, when it is added): one sample per
    // instrument every equity_interval is a call per instrument an observer that ignores them
    // would pay for nothing.
    virtual bool takes_equity_samples() const noexcept { return false; }
    // Periodic mark-to-market sample (simulated time); only for observers that take them.
    virtual void on_equity_sample(Timestamp /*ts*/, InstrumentId /*instrument*/, const InstrumentAccount& /*account*/,
                                  Price /*mark*/) {}
    // A telemetry interval of the host's clock ended at `ts` (EngineOptions::metrics_interval).
    // The engine asks each observer whether it takes this sample and calls on_metrics_sample on
    // those that do; the derived gauges are refreshed before the first of them, so a backtest
    // whose publisher is busy does not pay for samples nobody takes. An observer that declines
    // counts its own drop.
    virtual bool wants_metrics_sample(Timestamp /*ts*/) noexcept { return false; }
    // The registry's metrics are up to date as of `ts`.
    virtual void on_metrics_sample(Timestamp /*ts*/) {}
    // The host's risk state changed.
    virtual void on_risk_event(const RiskEvent& /*event*/) {}
    // An alert was raised (the same one the alert sinks receive).
    virtual void on_alert(const Alert& /*alert*/) {}
};

}  // namespace trellis::host
