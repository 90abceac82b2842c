#include "telemetry/telemetry_publisher.hpp"

#include <chrono>
#include <random>

#include "util/logger.hpp"

namespace trellis::host {

namespace {

using telemetry::EventKind;
using telemetry::EventLine;
using telemetry::EventRecord;
using telemetry::TextLengths;

// ZeroMQ drops messages to a subscriber once this many wait for it: far more
// than a run produces between two reads of a healthy trellis-influx.
constexpr int kSendHighWaterMark = 1'000'000;
// Events turned into points per pass before the publisher looks at samples again.
constexpr int kEventsPerPass = 4096;
// How long the publisher thread pauses between passes: kPause after a pass that found work; after
// passes that found none the pause doubles up to kMaxIdlePause, so a quiet host's publisher wakes
// ~60 times a second. A wake-up is not free: on a virtual machine each costs tens of microseconds
// of the publisher's core, and whatever runs on the second core slows the engine on the first —
// measured, pauses of 0.5 ms instead of 4–5 ms cost the engine 2–3 % of its events/s in a backtest.
// Operators see events a few milliseconds later, which nobody can tell on a dashboard.
constexpr auto kPause = std::chrono::milliseconds(4);
constexpr auto kMaxIdlePause = std::chrono::milliseconds(16);
// Text space per queued event: most events have none; rejections and alerts have up to ~250 bytes.
constexpr std::size_t kTextBytesPerEvent = 32;

// Nudger series: one per metric (by registry index), then the system gauges, then the event measurements.
constexpr std::size_t kSystemSeries = MetricsRegistry::kMaxMetrics;
constexpr std::size_t kSystemGauges = 4;
constexpr std::size_t kEventSeries = kSystemSeries + kSystemGauges;
constexpr std::size_t kEventMeasurements = 4;
// WireBatcher keys of metric points (the metric's series index below this bit); event keys
// (EventPointBuilder::head_key) stay below it.
constexpr std::uint64_t kMetricHeadKey = 1ull << 63;

std::size_t event_series(EventKind kind) noexcept {
    switch (kind) {
        case EventKind::OrderReleased:
        case EventKind::OrderUpdate:
            return kEventSeries + 0;
        case EventKind::Fill:
            return kEventSeries + 1;
        case EventKind::Risk:
            return kEventSeries + 2;
        case EventKind::Alert:
            return kEventSeries + 3;
    }
    return kEventSeries;
}

// A fresh random session id per host start (never 0, which reads as "unset").
std::uint64_t new_session() {
    std::random_device rd;
    std::uint64_t s = 0;
    while (s == 0) s = (std::uint64_t(rd()) << 32) ^ rd();
    return s;
}

EventLine order_line(EventKind kind, const OrderRecord& r, Timestamp ts) noexcept {
    EventLine e;
    e.kind = kind;
    e.ts = ts;
    e.order_id = r.order.id;
    e.price = r.price.raw;
    e.qty = r.qty.raw;
    e.filled = r.filled.raw;
    e.strategy = r.order.strategy;
    e.instrument = r.order.request.instrument;
    e.side = std::uint8_t(r.order.request.side);
    e.code = std::uint8_t(r.status);
    e.reason = std::uint8_t(r.reason);
    return e;
}

}  // namespace

TelemetryPublisher::TelemetryPublisher(const TelemetryConfig& config, MetricsRegistry& registry,
                                       std::vector<InstrumentSpec> instruments, std::vector<std::string> strategy_names,
                                       Logger& logger)
    : config_(config),
      registry_(registry),
      logger_(logger),
      published_points_(registry.counter("telemetry.published_points", {}, "points")),
      dropped_events_(registry.counter("telemetry.dropped_events", {}, "events")),
      dropped_samples_(registry.counter("telemetry.dropped_samples", {}, "samples")),
      queue_depth_(registry.gauge("telemetry.queue_depth", {}, "events")),
      events_(config.queue_capacity, std::max<std::size_t>(4096, config.queue_capacity * kTextBytesPerEvent)),
      samples_(config.sample_slots),
      free_slots_(config.sample_slots),
      ready_slots_(config.sample_slots),
      event_points_(std::move(instruments), std::move(strategy_names)),
      sample_points_(registry),
      nudger_(kEventSeries + kEventMeasurements) {
    for (std::uint32_t i = 0; i < samples_.size(); ++i) {
        samples_[i].reserve(MetricsRegistry::kMaxMetrics);
        free_slots_.try_push(i);
    }
    text_.reserve(256);
    source_.reserve(64);
    report_.host_id = config_.host_id;
    report_.subscribers_wanted = config_.wait_for_subscribers;
}

TelemetryPublisher::~TelemetryPublisher() {
    if (thread_.joinable()) finish();
}

Result<void> TelemetryPublisher::start() {
    auto socket = telemetry::XpubSocket::bind(config_.endpoint, kSendHighWaterMark, config_.linger);
    if (!socket) {
        const std::string where =
            config_.endpoint_where.file.empty() ? "telemetry.endpoint" : config_.endpoint_where.to_string();
        return fail(where + ": " + socket.error().message);
    }
    socket_ = std::move(*socket);
    report_.endpoint = socket_->endpoint();
    if (config_.wait_for_subscribers > 0) {
        const std::uint32_t got =
            socket_->wait_for_subscribers(config_.wait_for_subscribers, config_.subscriber_timeout);
        if (got < config_.wait_for_subscribers)
            logger_.log(LogLevel::Warn, "telemetry",
                        "only " + std::to_string(got) + " of " + std::to_string(config_.wait_for_subscribers) +
                            " subscriber(s) connected to " + report_.endpoint + " within telemetry.subscriber_timeout" +
                            "; publishing anyway (a subscriber that connects later misses what was sent before)");
    }
    report_.subscribers_at_start = socket_->subscriptions();
    report_.session = new_session();
    report_.enabled = true;
    batcher_ = std::make_unique<telemetry::WireBatcher>(config_.host_id, report_.session, [this](std::string_view m) {
        if (!socket_->send(m)) ++report_.unsent_messages;
    });
    // The socket moves to the publisher thread; thread creation orders everything above before it.
    thread_ = std::thread([this] { run(); });
    return {};
}

TelemetryReport TelemetryPublisher::finish() {
    if (!thread_.joinable()) return report_;
    events_.flush();  // called on the engine thread once it has stopped: the last block is handed over
    stop_.store(true, std::memory_order_release);
    thread_.join();
    report_.published_points.clear();
    for (const auto& [measurement, n] : batcher_->by_measurement())
        if (n > 0) report_.published_points.emplace(measurement, n);
    report_.total_points = batcher_->points();
    report_.messages = batcher_->messages();
    report_.dropped_events = std::uint64_t(dropped_events_.value());
    report_.dropped_samples = std::uint64_t(dropped_samples_.value());
    report_.nudged_timestamps = nudger_.nudged();
    return report_;
}

// --- engine thread ---

// Inline into the observer calls below: the queue's fast path is a handful of stores.
template <class Write>
inline void TelemetryPublisher::push(const Write& write, std::string_view text, std::string_view source) noexcept {
    while (!events_.push_with(write, text, source)) [[unlikely]] if (!wait_for_room()) return;
}

template <class Lines>
void TelemetryPublisher::push_line(const Lines& line, std::string_view text, std::string_view source) noexcept {
    push(telemetry::line_writer(line), text, source);
}

bool TelemetryPublisher::wait_for_room() noexcept {
    if (config_.when_full == TelemetryConfig::WhenFull::Drop) {
        dropped_events_.add();
        return false;
    }
    events_.flush();  // when_full = "wait" (backtests): the publisher can only make room from what it sees
    std::this_thread::yield();
    return true;
}

// The three order observers run for a quarter of all market events in a busy backtest: each
// builds its line inside the writer, so the fields are read only once the record is claimed and
// go from the engine's state into the ring through registers.

void TelemetryPublisher::on_order_released(const OrderRecord& record) {
    push([&](EventRecord& slot, TextLengths lengths) {
        // A release happens at the host's current time, which the record does not carry: its
        // last change is the closest it knows (creation for a new order).
        const Timestamp ts = std::max(record.order.created_ts, record.last_update_ts);
        stream_lines(slot, order_line(EventKind::OrderReleased, record, ts), lengths);
    });
}

void TelemetryPublisher::on_order_update(const OrderRecord* record, const OrderUpdate& u) {
    // Most updates carry no text: skip the strlen of an empty one.
    const std::string_view text = u.text.empty() ? std::string_view{} : u.text.view();
    push(
        [&](EventRecord& slot, TextLengths lengths) {
            EventLine e;
            e.kind = EventKind::OrderUpdate;
            e.ts = u.ts;
            e.order_id = u.id;
            e.price = u.price.raw;
            e.qty = u.qty.raw;
            e.filled = u.filled_qty.raw;
            e.strategy = record ? record->order.strategy : u.strategy;
            e.instrument = u.instrument;
            e.side = std::uint8_t(u.side);
            e.code = std::uint8_t(u.status);
            e.reason = std::uint8_t(u.reason);
            stream_lines(slot, e, lengths);
        },
        text);
}

void TelemetryPublisher::on_fill(const OrderUpdate& fill, std::uint32_t strategy, const InstrumentAccount& account) {
    push([&](EventRecord& slot, TextLengths lengths) {
        EventRecord e;
        e.kind = EventKind::Fill;
        e.ts = fill.ts;
        e.order_id = fill.id;
        e.price = fill.last_price.raw;
        e.qty = fill.last_qty.raw;
        e.fee = fill.last_fee;
        e.position = account.position.raw;
        e.realized_pnl = account.realized_pnl;
        e.cash = account.cash;
        e.strategy = strategy;
        e.instrument = fill.instrument;
        e.side = std::uint8_t(fill.side);
        e.liquidity = std::uint8_t(fill.liquidity);
        stream_lines(slot, e, lengths);
    });
}

void TelemetryPublisher::on_risk_event(const RiskEvent& event) {
    EventLine e;
    e.kind = EventKind::Risk;
    e.ts = event.ts;
    e.code = std::uint8_t(event.kind);
    e.reason = std::uint8_t(event.level);
    e.strategy = event.strategy;
    push_line(e, event.text, event.source);
}

void TelemetryPublisher::on_alert(const Alert& alert) {
    EventLine e;
    e.kind = EventKind::Alert;
    e.ts = alert.ts;
    e.code = std::uint8_t(alert.severity);
    push_line(e, alert.message.view(), alert.source.view());
}

bool TelemetryPublisher::wants_metrics_sample(Timestamp) noexcept {
    // The engine thread is the only consumer of free_slots_: a slot seen here is still there in
    // on_metrics_sample. No slot in drop mode: the sample is skipped before the engine spends
    // anything on it.
    if (config_.when_full == TelemetryConfig::WhenFull::Wait || !free_slots_.empty()) {
        // The events pushed since the last handover go with the sample, so none waits longer
        // than the next taken sample (or a full block) for the publisher to see it. Not at every
        // boundary: a backtest passes hundreds of thousands of them a second while the publisher
        // frees a slot at most max_samples_per_second times, and the fence that hands a block
        // over waits for its streaming stores to reach memory (measured: 2.5 % of a backtest's
        // events/s when it ran at every boundary).
        events_.flush();
        return true;
    }
    dropped_samples_.add();
    return false;
}

void TelemetryPublisher::on_metrics_sample(Timestamp ts) {
    // The engine asked already; a direct caller gets the same drop accounting from this one check.
    if (!wants_metrics_sample(ts)) return;
    queue_depth_.set(double(events_.size()));
    std::uint32_t slot = 0;
    while (!free_slots_.try_pop(slot)) std::this_thread::yield();  // only when_full = "wait" gets here without a slot
    registry_.capture(ts, samples_[slot]);
    ready_slots_.try_push(slot);  // cannot fail: both rings hold every slot
}

// --- publisher thread ---

void TelemetryPublisher::run() {
    std::chrono::microseconds pause = kPause;
    while (!stop_.load(std::memory_order_acquire)) {
        const Pass pass = publish_available();
        if (pass == Pass::Idle) socket_->poll_subscriptions();  // keep the socket's inbound queue empty
        // Even after a pass that found work, pause unless the engine is getting ahead: reading
        // right behind the engine would pull every cache line it is still writing over to this
        // core and back, which costs the engine more than the records themselves. Events wait at
        // most one pause (kMaxIdlePause after a quiet spell).
        if (pass == Pass::Behind) {
            pause = kPause;
            continue;
        }
        pause = pass == Pass::Worked ? kPause : std::min<std::chrono::microseconds>(pause * 2, kMaxIdlePause);
        std::this_thread::sleep_for(pause);
    }
    // The engine has stopped: everything it queued is visible now, and is sent without the cap.
    draining_ = true;
    while (publish_available() != Pass::Idle) {
    }
    batcher_->flush();
    socket_->close();
}

TelemetryPublisher::Pass TelemetryPublisher::publish_available() {
    bool worked = false;
    std::uint32_t slot = 0;
    std::size_t samples = 0;
    const bool capped =
        !draining_ && config_.when_full == TelemetryConfig::WhenFull::Drop && config_.max_samples_per_second > 0;
    const auto sample_period = std::chrono::nanoseconds(
        config_.max_samples_per_second > 0 ? 1'000'000'000 / config_.max_samples_per_second : 0);
    auto now = std::chrono::steady_clock::now();
    while ((!capped || now >= next_sample_due_) && ready_slots_.try_pop(slot)) {
        batcher_->flush();  // a sample travels in its own message(s)
        publish_sample(samples_[slot]);
        batcher_->flush();
        free_slots_.try_push(slot);
        worked = true;
        ++samples;
        if (capped) {
            // The cap is a rate, not a spacing: samples not sent while the thread paused may go
            // now, up to one long pause's worth, so a pause longer than the period does not lower it.
            now = std::chrono::steady_clock::now();
            next_sample_due_ = std::max(next_sample_due_, now - kMaxIdlePause) + sample_period;
        }
    }
    EventRecord record;
    int n = 0;
    while (n < kEventsPerPass && events_.pop(record, text_, source_)) {
        publish_event(record);
        ++n;
    }
    if (n > 0) {
        batcher_->flush();  // do not hold events back while the queue is quiet
        worked = true;
    }
    published_points_.add(std::int64_t(batcher_->points()) - published_points_.value());
    if (!worked) return Pass::Idle;
    // Behind: the queue is filling up, or the engine had half the sample slots waiting (it may be
    // waiting for one, when_full = "wait") — the next pass follows at once.
    const bool behind = events_.size() >= events_.capacity() / 4 || (!capped && samples >= samples_.size() / 2);
    return behind ? Pass::Behind : Pass::Worked;
}

void TelemetryPublisher::publish_event(const EventRecord& record) {
    const Timestamp ts = nudger_.next(event_series(record.kind), record.ts);
    const std::uint64_t key = event_points_.head_key(record);
    // The bulk — orders without a text, fills — goes out as the copy of its kind's last point
    // with new numbers; the first of a kind, and any event with a text, as a whole point.
    telemetry::EventPointBuilder::Numbers numbers;
    const std::size_t n = key != 0 ? event_points_.numbers(record, numbers) : 0;
    if (n > 0 && batcher_->add_numbers(key, std::span(numbers.data(), n), ts)) return;
    telemetry::Point point = event_points_.build(record, text_, source_);
    point.timestamp_ns = ts;
    add_point(point, key);
}

void TelemetryPublisher::publish_sample(const MetricsSample& sample) {
    // A metric's head (name and labels) and field keys are fixed by its registry index.
    telemetry::SamplePointBuilder::Numbers numbers;
    for (std::size_t i = 0; i < sample.metric_count; ++i) {
        const Timestamp ts = nudger_.next(i, sample.ts);
        const std::span values(numbers.data(), sample_points_.numbers(sample, i, numbers));
        if (batcher_->add_numbers(kMetricHeadKey | i, values, ts)) continue;
        telemetry::Point point = sample_points_.point(sample, i, values);
        point.timestamp_ns = ts;
        add_point(point, kMetricHeadKey | i);
    }
    const telemetry::SystemStats& s = system_stats_.current();
    const std::pair<std::string_view, double> gauges[kSystemGauges] = {{"system.cpu_percent", s.cpu_percent},
                                                                       {"system.rss_bytes", s.rss_bytes},
                                                                       {"system.uptime_seconds", s.uptime_seconds},
                                                                       {"system.threads", s.threads}};
    for (std::size_t g = 0; g < kSystemGauges; ++g) {
        const telemetry::Field field{"value", telemetry::FieldValue::floating(gauges[g].second)};
        const std::uint64_t key = kMetricHeadKey | (kSystemSeries + g);
        const Timestamp ts = nudger_.next(kSystemSeries + g, sample.ts);
        if (batcher_->add_numbers(key, std::span(&field.value, 1), ts)) continue;
        add_point(telemetry::Point{gauges[g].first, {}, std::span(&field, 1), ts}, key);
    }
    ++report_.samples;
}

void TelemetryPublisher::add_point(const telemetry::Point& point, std::uint64_t key) {
    if (auto added = batcher_->add(point, key); !added) {
        if (report_.unencodable_points++ == 0)
            logger_.log(LogLevel::Warn, "telemetry", "point not published: " + added.error().message);
    }
}

}  // namespace trellis::host
