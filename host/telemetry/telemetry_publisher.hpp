#pragma once
// The telemetry publisher (docs/telemetry.md). The engine thread calls the
// RunObserver hooks: events are copied into a bounded SPSC queue of
// fixed-size records, metric samples are captured into preallocated slots —
// no allocation, no lock, never a wait; when there is no room the event or
// sample is dropped and counted (telemetry.dropped_events / _samples). The
// publisher thread turns both into points, packs them into wire messages and
// sends them on a ZeroMQ XPUB socket.
//
//   engine thread ──► EventQueue / sample slots ──► publisher thread ──► XPUB ──► trellis-influx

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "kernel/metrics_registry.hpp"
#include "kernel/run_observer.hpp"
#include "telemetry/event_points.hpp"
#include "telemetry/event_queue.hpp"
#include "telemetry/sample_points.hpp"
#include "telemetry/spsc_ring.hpp"
#include "telemetry/system_stats.hpp"
#include "telemetry/telemetry_report.hpp"
#include "telemetry/timestamp_nudger.hpp"
#include "telemetry/wire_batcher.hpp"
#include "telemetry/xpub_socket.hpp"

namespace trellis::host {

class Logger;

class TelemetryPublisher final : public RunObserver {
public:
    // Registers the telemetry.* metrics in `registry` and preallocates the
    // queue and the sample slots. Nothing is bound until start().
    TelemetryPublisher(const TelemetryConfig& config, MetricsRegistry& registry,
                       std::vector<InstrumentSpec> instruments, std::vector<std::string> strategy_names,
                       Logger& logger);
    ~TelemetryPublisher() override;
    TelemetryPublisher(const TelemetryPublisher&) = delete;
    TelemetryPublisher& operator=(const TelemetryPublisher&) = delete;

    // Binds the endpoint, waits for `wait_for_subscribers` subscriptions (or
    // the timeout: then warns and goes on) and starts the publisher thread.
    Result<void> start();
    // After the run, on the engine thread (or once it has stopped): hands the last pushed events
    // over, publishes everything still queued, closes the socket
    // (waiting up to `linger` for messages to leave), stops the thread.
    TelemetryReport finish();

    // The endpoint bound (valid after start()).
    const std::string& endpoint() const noexcept { return report_.endpoint; }

    // --- RunObserver, engine thread ---
    void on_order_released(const OrderRecord& record) override;
    void on_order_update(const OrderRecord* record, const OrderUpdate& update) override;
    void on_fill(const OrderUpdate& fill, std::uint32_t strategy, const InstrumentAccount& account) override;
    bool wants_metrics_sample(Timestamp ts) noexcept override;
    void on_metrics_sample(Timestamp ts) override;
    void on_risk_event(const RiskEvent& event) override;
    void on_alert(const Alert& alert) override;

private:
    // Queues an event: `write` as EventQueue::push_with takes it.
    template <class Write>
    void push(const Write& write, std::string_view text = {}, std::string_view source = {}) noexcept;
    // `line` (a telemetry::EventLine, or a fill's EventRecord) as it is.
    template <class Lines>
    void push_line(const Lines& line, std::string_view text = {}, std::string_view source = {}) noexcept;
    // The queue refused an event: false after counting the drop, or true once the publisher had a
    // moment to make room (when_full = "wait"; push tries again).
    [[gnu::noinline]] bool wait_for_room() noexcept;
    void run();
    // What a pass of the publisher found: nothing, work, or more than it should leave for after a pause.
    enum class Pass { Idle, Worked, Behind };
    Pass publish_available();
    void publish_event(const telemetry::EventRecord& record);
    void publish_sample(const MetricsSample& sample);
    // A whole point into the batcher (`key`: WireBatcher::add); one that cannot be encoded is counted and logged.
    void add_point(const telemetry::Point& point, std::uint64_t key);

    TelemetryConfig config_;
    MetricsRegistry& registry_;
    Logger& logger_;
    // Metrics of the publisher itself. published_points is written by the
    // publisher thread only, the others by the engine thread only.
    Counter& published_points_;
    Counter& dropped_events_;
    Counter& dropped_samples_;
    Gauge& queue_depth_;

    telemetry::EventQueue events_;
    std::vector<MetricsSample> samples_;
    telemetry::SpscRing<std::uint32_t> free_slots_;   // publisher → engine
    telemetry::SpscRing<std::uint32_t> ready_slots_;  // engine → publisher

    // Publisher thread state.
    telemetry::EventPointBuilder event_points_;
    telemetry::SamplePointBuilder sample_points_;
    telemetry::SystemStatsReader system_stats_;
    telemetry::TimestampNudger nudger_;
    std::unique_ptr<telemetry::XpubSocket> socket_;
    std::unique_ptr<telemetry::WireBatcher> batcher_;
    std::string text_, source_;  // scratch for event texts

    std::chrono::steady_clock::time_point next_sample_due_{};  // max_samples_per_second
    bool draining_ = false;                                    // after the run: no cap
    std::thread thread_;
    std::atomic<bool> stop_{false};
    TelemetryReport report_;
};

}  // namespace trellis::host
