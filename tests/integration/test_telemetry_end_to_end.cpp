// Telemetry end to end under faults: a publishing host (the `trellis` binary
// or an in-process TelemetryPublisher) -> the `trellis-influx` binary -> a
// real influxd, each started by the test on loopback. InfluxDB must end up
// holding exactly what the host reports it published, per measurement: not
// fewer (nothing lost) and not more (nothing duplicated — InfluxDB keys a
// point by series and time, and the publisher keeps timestamps unique, so a
// replayed point overwrites itself and an extra point can only be a new one).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "publisher_events.hpp"
#include "telemetry/telemetry_publisher.hpp"
#include "telemetry_e2e_support.hpp"
#include "util/logger.hpp"

namespace trellis::test::e2e {
namespace {

using host::TelemetryConfig;
using namespace trellis::fakes::publisher_events;
using host::TelemetryReport;
using nlohmann::json;

constexpr Timestamp kSecond = 1'000'000'000;
constexpr Timestamp kBase = 1'700'000'000LL * kSecond;  // host time of the first synthetic tick

std::string tail(const std::string& text, std::size_t n = 4000) {
    return text.size() <= n ? text : "..." + text.substr(text.size() - n);
}

std::string diagnostics(const WriterProcess& writer, const InfluxdProcess& server) {
    return "\n--- trellis-influx stdout:\n" + tail(writer.summary()) + "\n--- trellis-influx stderr:\n" +
           tail(writer.log()) + "\n--- influxd log:\n" + server.log_tail();
}

std::string loopback_endpoint() { return "tcp://127.0.0.1:" + std::to_string(free_loopback_port()); }

std::map<std::string, std::uint64_t> as_map(const json& published) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [name, n] : published.items()) out[name] = n.get<std::uint64_t>();
    return out;
}

std::map<std::string, std::uint64_t> as_map(const TelemetryReport& report) {
    return {report.published_points.begin(), report.published_points.end()};
}

// Waits until InfluxDB holds exactly `expected` points per measurement for `host`; returns what it
// holds at the end (equal to `expected` unless the timeout passed).
std::map<std::string, std::uint64_t> await_counts(const InfluxdProcess& server, const std::string& host,
                                                  const std::map<std::string, std::uint64_t>& expected,
                                                  std::chrono::milliseconds timeout) {
    std::map<std::string, std::uint64_t> counts;
    wait_for(
        [&] {
            counts = points_by_measurement(server, host);
            return counts == expected;
        },
        timeout, 500ms);
    return counts;
}

// A host driven by the test: an in-process TelemetryPublisher fed with metric samples and
// order, fill, alert and risk events, one "tick" (1 s of host time) at a time.
class SyntheticHost {
public:
    SyntheticHost(const std::string& endpoint, const std::string& host_id)
        : order_sent_(registry_.counter("order.sent", {{"strategy", "mm"}}, "orders")),
          mid_(registry_.gauge("md.mid", {{"instrument", "AMZN"}}, "price")),
          latency_(registry_.histogram("order.ack_latency", {{"strategy", "mm"}}, "ns")),
          publisher_(config(endpoint, host_id), registry_, {amzn()}, {"mm"}, logger_) {}

    void start() {
        const auto started = publisher_.start();
        if (!started) throw std::runtime_error(started.error().message);
    }

    // One second of host time: an order created, released and filled, an alert, a risk event,
    // then a metric sample. Host time only moves forward, so every point keeps its own key.
    void tick() {
        const Timestamp t = kBase + Timestamp(ticks_) * kSecond;
        const auto id = OrderId(ticks_ + 1);
        order_sent_.add(1);
        mid_.set(100.0 + double(ticks_ % 100) * 0.01);
        for (int i = 0; i < 3; ++i) latency_.record(20'000 + 1'000 * ((ticks_ + i) % 7));

        host::OrderRecord record = order(id, t + 100);
        publisher_.on_order_released(record);
        publisher_.on_order_released(record);
        publisher_.on_fill(fill(id, t + 200), 0, account_after_fill());
        raise_alert(t + 300, AlertSeverity::Warning, "drawdown", "tick " + std::to_string(ticks_));
        risk_event(t + 400, "position", "tick " + std::to_string(ticks_));
        publisher_.on_metrics_sample(t + 500'000'000);
        ++ticks_;
    }

    // Ticks every `period` of wall time for `duration` (the steady rate of a live host).
    void tick_for(std::chrono::milliseconds duration, std::chrono::milliseconds period = 20ms) {
        const auto end = std::chrono::steady_clock::now() + duration;
        auto next = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() < end) {
            tick();
            next += period;
            std::this_thread::sleep_until(next);
        }
    }

    void raise_alert(Timestamp ts, AlertSeverity severity, std::string_view source, std::string_view message) {
        Alert alert;
        alert.ts = ts;
        alert.severity = severity;
        alert.source.assign(source);
        alert.message.assign(message);
        publisher_.on_alert(alert);
    }

    void risk_event(Timestamp ts, std::string_view source, std::string_view text) {
        host::RiskEvent event;
        event.ts = ts;
        event.kind = host::RiskEventKind::LevelChanged;
        event.level = RiskLevel::Elevated;
        event.source = source;
        event.text = text;
        publisher_.on_risk_event(event);
    }

    TelemetryReport finish() { return publisher_.finish(); }
    std::uint64_t ticks() const { return ticks_; }

private:
    static TelemetryConfig config(const std::string& endpoint, const std::string& host_id) {
        TelemetryConfig c;
        c.enabled = true;
        c.endpoint = endpoint;
        c.host_id = host_id;
        c.wait_for_subscribers = 1;  // the writer: nothing is published before it listens
        c.subscriber_timeout = 30 * kSecond;
        c.linger = 30 * kSecond;
        c.when_full = TelemetryConfig::WhenFull::Wait;  // nothing dropped at the source
        return c;
    }

    host::Logger logger_{LogLevel::Warn};
    host::MetricsRegistry registry_;
    Counter& order_sent_;
    Gauge& mid_;
    Histogram& latency_;
    host::TelemetryPublisher publisher_;
    std::uint64_t ticks_ = 0;
};

void expect_no_source_drops(const TelemetryReport& report) {
    EXPECT_EQ(report.dropped_events, 0u);
    EXPECT_EQ(report.dropped_samples, 0u);
    EXPECT_EQ(report.unencodable_points, 0u);
    EXPECT_EQ(report.unsent_messages, 0u);
    EXPECT_EQ(report.subscribers_at_start, 1u);
}

// The writer's summary after SIGTERM: no sequence gap, nothing lost, everything delivered.
void expect_clean_summary(const std::string& summary) {
    EXPECT_EQ(summary_value(summary, "gaps"), 0u) << summary;
    EXPECT_EQ(summary_value(summary, "lost_points"), 0u) << summary;
    EXPECT_EQ(summary_value(summary, "bad_messages"), 0u) << summary;
    EXPECT_EQ(summary_value(summary, "spool_dropped_points"), 0u) << summary;
    EXPECT_EQ(summary_value(summary, "dead_letter_points"), 0u) << summary;
    EXPECT_NE(summary.find("everything was delivered; the spool is empty"), std::string::npos) << summary;
}

TEST(TelemetryEndToEnd, BacktestPublishesAndInfluxHoldsExactlyWhatWasPublished) {
    InfluxdProcess server;
    TempDir dir;
    const std::string endpoint = loopback_endpoint();
    WriterProcess writer(dir.path(), {.host_endpoint = endpoint, .influx_url = server.base_url()}, "writer");

    // The run waits for the writer's subscription (wait_for_subscribers), so nothing is published unheard.
    ChildProcess backtest({TRELLIS_BIN, "backtest", std::string(TRELLIS_SOURCE_DIR) + "/config/demo.toml", "--json",
                           "--set", "telemetry.endpoint=" + endpoint, "--set", "telemetry.wait_for_subscribers=1",
                           "--set", "telemetry.subscriber_timeout=30s", "--set", "telemetry.interval=60s", "--set",
                           "risk.kill_file=" + (dir.path() / "no-kill-file").string()},
                          dir.path() / "backtest.out", dir.path() / "backtest.err");
    const int backtest_exit = backtest.wait_exit(180s);
    ASSERT_EQ(backtest_exit, 0) << "backtest stderr:\n" << tail(backtest.err()) << diagnostics(writer, server);
    const std::string out = backtest.out();
    const json summary = json::parse(out.substr(out.find('{')));
    ASSERT_TRUE(summary.contains("telemetry")) << out;
    const json& telemetry = summary.at("telemetry");
    const std::string host_id = telemetry.at("host_id").get<std::string>();
    const auto published = as_map(telemetry.at("published_points"));
    EXPECT_EQ(telemetry.at("subscribers_at_start").get<int>(), 1) << telemetry.dump();
    ASSERT_GT(telemetry.at("total_points").get<std::uint64_t>(), 0u);
    ASSERT_TRUE(published.contains("order") && published.contains("fill")) << telemetry.dump();
    std::uint64_t sum = 0;
    for (const auto& [name, n] : published) sum += n;
    EXPECT_EQ(sum, telemetry.at("total_points").get<std::uint64_t>());

    // Exact equality per measurement, and no measurement of this host that was never published.
    const auto in_influx = await_counts(server, host_id, published, 60s);
    EXPECT_EQ(in_influx, published) << count_differences(in_influx, published) << diagnostics(writer, server);

    ASSERT_EQ(writer.terminate(), 0) << diagnostics(writer, server);
    expect_clean_summary(writer.summary());
    EXPECT_EQ(summary_value(writer.summary(), "points_in"), sum) << writer.summary();
}

TEST(TelemetryEndToEnd, InfluxdKilledMidStreamLosesAndDuplicatesNothing) {
    InfluxdProcess server;
    TempDir dir;
    const std::string endpoint = loopback_endpoint();
    WriterProcess writer(
        dir.path(),
        {.host_endpoint = endpoint, .influx_url = server.base_url(), .initial_backoff = "100ms", .max_backoff = "1s"},
        "writer");
    SyntheticHost host(endpoint, "fault-host");
    host.start();  // returns once the writer has subscribed

    host.tick_for(3s);
    server.kill_hard();
    host.tick_for(10s);  // the writer retries and spools meanwhile
    server.restart();
    host.tick_for(3s);
    const TelemetryReport report = host.finish();

    expect_no_source_drops(report);
    const auto published = as_map(report);
    ASSERT_EQ(published.at("order"), 2 * host.ticks());
    ASSERT_EQ(published.at("order.sent"), host.ticks());
    const auto in_influx = await_counts(server, "fault-host", published, 90s);
    EXPECT_EQ(in_influx, published) << count_differences(in_influx, published) << diagnostics(writer, server);

    ASSERT_EQ(writer.terminate(), 0) << diagnostics(writer, server);
    const std::string summary = writer.summary();
    expect_clean_summary(summary);
    // The fault really happened and was survived by retrying from the spool.
    EXPECT_GT(summary_value(summary, "retries").value_or(0), 0u) << summary;
    EXPECT_GT(summary_value(summary, "spooled_batches").value_or(0), 0u) << summary;
    EXPECT_GT(summary_value(summary, "replayed_batches").value_or(0), 0u) << summary;
    EXPECT_EQ(summary_value(summary, "points_in"), report.total_points) << summary;
}

TEST(TelemetryEndToEnd, WriterKilledWithSpoolReplaysEverything) {
    InfluxdProcess server;
    server.create_database(kDatabase);  // kept on disk: the writer's own CREATE DATABASE will find influxd down
    server.kill_hard();
    TempDir dir;
    const std::string endpoint = loopback_endpoint();
    // No self-metrics point until shutdown: the spool then only grows with the host's points. Small
    // batches, so the replay has several spool records to deliver in order.
    const WriterSettings settings{.host_endpoint = endpoint,
                                  .influx_url = server.base_url(),
                                  .max_points = 1000,
                                  .max_delay = "200ms",
                                  .initial_backoff = "100ms",
                                  .max_backoff = "500ms",
                                  .self_metrics_interval = "1h"};
    auto first = std::make_unique<WriterProcess>(dir.path(), settings, "first");
    SyntheticHost host(endpoint, "spool-host");
    host.start();
    for (int i = 0; i < 300; ++i) host.tick();  // as fast as the publisher takes them
    const TelemetryReport report = host.finish();
    expect_no_source_drops(report);
    ASSERT_GT(report.total_points, 3000u);

    // Everything has reached the spool once it has stopped growing for a while after the last batch
    // could have been sealed (max_delay 200 ms).
    const auto finished = std::chrono::steady_clock::now();
    std::uint64_t last_size = 0;
    auto stable_since = std::chrono::steady_clock::now();
    const bool settled = wait_for(
        [&] {
            const std::uint64_t size = directory_bytes(first->spool_dir());
            const auto now = std::chrono::steady_clock::now();
            if (size != last_size) {
                last_size = size;
                stable_since = now;
            }
            return size > 0 && now - finished > 700ms && now - stable_since > 1500ms;
        },
        30s, 100ms);
    ASSERT_TRUE(settled) << "spool size " << last_size << diagnostics(*first, server);
    EXPECT_EQ(first->kill_hard(), 128 + SIGKILL);
    EXPECT_GT(directory_bytes(dir.path() / "spool"), 0u);

    server.restart();
    WriterProcess second(dir.path(), settings, "second");
    const auto published = as_map(report);
    const auto in_influx = await_counts(server, "spool-host", published, 60s);
    EXPECT_EQ(in_influx, published) << count_differences(in_influx, published) << diagnostics(second, server)
                                    << "\n--- first writer stderr:\n"
                                    << tail(first->log());

    ASSERT_EQ(second.terminate(), 0) << diagnostics(second, server);
    expect_clean_summary(second.summary());
    EXPECT_GT(summary_value(second.summary(), "replayed_batches").value_or(0), 0u) << second.summary();
    EXPECT_EQ(summary_value(second.summary(), "points_in"), 0u) << second.summary();  // all of it came from the spool
}

TEST(TelemetryEndToEnd, HostileNamesSurviveTheWholePath) {
    InfluxdProcess server;
    TempDir dir;
    const std::string endpoint = loopback_endpoint();
    WriterProcess writer(dir.path(), {.host_endpoint = endpoint, .influx_url = server.base_url()}, "writer");
    SyntheticHost host(endpoint, "hostile-host");
    host.start();

    // Everything line protocol escapes (comma, space, '=', '"', a backslash inside) plus UTF-8; a tag
    // cannot carry a newline in InfluxDB 1.x, a string field can.
    const std::string source = "desk,1 a=b \"q\" back\\slash é€✓";
    const std::string message = "msg, with space=eq \"quoted\" back\\slash ünï €\nsecond line";
    const std::string risk_source = "rule=x, y \"z\" \\w ß";
    const std::string risk_text = "why: a=1, b \"2\"\n\\ done 日本";
    ASSERT_LT(source.size(), sizeof(Alert{}.source.data));
    host.raise_alert(kBase + 1, AlertSeverity::Critical, source, message);
    host.risk_event(kBase + 2, risk_source, risk_text);
    host.raise_alert(kBase + 3, AlertSeverity::Info, "two\nlines", "refused: its tag has a newline");
    const TelemetryReport report = host.finish();
    expect_no_source_drops(report);
    ASSERT_EQ(report.published_points.at("alert"), 2u);

    const std::map<std::string, std::uint64_t> expected{{"alert", 1}, {"risk_event", 1}};
    const auto in_influx = await_counts(server, "hostile-host", expected, 30s);
    ASSERT_EQ(in_influx, expected) << count_differences(in_influx, expected) << diagnostics(writer, server);

    // Matched by the tag in WHERE (as a dashboard would), then compared byte for byte.
    const json alert =
        first_series(server, "SELECT \"message\", \"source\", \"severity\" FROM \"alert\" WHERE \"source\" = " +
                                 string_literal(source));
    ASSERT_FALSE(alert.is_null()) << "no alert with source " << source << diagnostics(writer, server);
    ASSERT_EQ(alert.at("values").size(), 1u) << alert.dump();
    EXPECT_EQ(alert.at("columns").dump(), R"(["time","message","source","severity"])");
    const json& row = alert.at("values").at(0);
    EXPECT_EQ(row.at(0).get<std::int64_t>(), kBase + 1);
    EXPECT_EQ(row.at(1).get<std::string>(), message);
    EXPECT_EQ(row.at(2).get<std::string>(), source);
    EXPECT_EQ(row.at(3).get<std::string>(), "critical");

    const json risk = first_series(
        server, "SELECT \"text\", \"source\" FROM \"risk_event\" WHERE \"source\" = " + string_literal(risk_source));
    ASSERT_FALSE(risk.is_null()) << "no risk_event with source " << risk_source << diagnostics(writer, server);
    ASSERT_EQ(risk.at("values").size(), 1u) << risk.dump();
    EXPECT_EQ(risk.at("values").at(0).at(1).get<std::string>(), risk_text);
    EXPECT_EQ(risk.at("values").at(0).at(2).get<std::string>(), risk_source);

    const json sources = first_series(server, "SHOW TAG VALUES FROM \"alert\" WITH KEY = \"source\"");
    ASSERT_FALSE(sources.is_null());
    EXPECT_EQ(sources.at("values"), json::array({json::array({"source", source})})) << sources.dump();

    ASSERT_EQ(writer.terminate(), 0) << diagnostics(writer, server);
    const std::string summary = writer.summary();
    EXPECT_EQ(summary_value(summary, "points_rejected"), 1u) << summary;  // the alert whose tag had a newline
    EXPECT_EQ(summary_value(summary, "points_in"), 3u) << summary;
    expect_clean_summary(summary);
}

}  // namespace
}  // namespace trellis::test::e2e
