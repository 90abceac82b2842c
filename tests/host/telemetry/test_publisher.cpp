// The publisher end to end over real ZeroMQ on 127.0.0.1: a SUB socket
// receives the messages and decodes them with WireMessageReader.

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "publisher_events.hpp"
#include "telemetry/telemetry_publisher.hpp"
#include "util/logger.hpp"
#include "wire_subscriber.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;
using namespace trellis::fakes::publisher_events;

namespace {

constexpr Timestamp kSecond = 1'000'000'000;

TelemetryConfig config_for(const std::string& endpoint) {
    TelemetryConfig c;
    c.enabled = true;
    c.endpoint = endpoint;
    c.host_id = "test-host";
    c.wait_for_subscribers = 1;
    c.subscriber_timeout = 5 * kSecond;
    c.linger = 5 * kSecond;
    return c;
}

std::vector<const DecodedPoint*> of(const WireSubscriber& sub, const std::string& measurement) {
    std::vector<const DecodedPoint*> out;
    for (const auto& p : sub.points)
        if (p.measurement == measurement) out.push_back(&p);
    return out;
}

// Far more than the publisher thread sends at once, as fast as the engine side
// can hand it over: what a fast backtest does.
constexpr int kOverloadEvents = 5000, kOverloadSamples = 200;
void overload(TelemetryPublisher& publisher) {
    for (int i = 0; i < kOverloadEvents; ++i) publisher.on_order_released(order(OrderId(i + 1), i));
    for (int i = 0; i < kOverloadSamples; ++i) publisher.on_metrics_sample(Timestamp(i + 1) * kSecond);
}

// A subscriber on a free loopback endpoint, then a publisher for it: a test sets up `registry`
// and changes `config`, then calls start().
class SubscribedPublisher : public ::testing::Test {
protected:
    const std::string endpoint = free_tcp_endpoint();
    WireSubscriber sub{endpoint};  // before the publisher binds: it must wait for this subscription
    Logger logger{LogLevel::Error};
    MetricsRegistry registry;
    TelemetryConfig config = config_for(endpoint);
    std::optional<TelemetryPublisher> publisher;

    TelemetryPublisher& start() {
        publisher.emplace(config, registry, std::vector{amzn()}, std::vector<std::string>{"mm"}, logger);
        EXPECT_TRUE(publisher->start());
        return *publisher;
    }
};

}  // namespace

TEST_F(SubscribedPublisher, PublishesSamplesAndEventsInContiguousSequence) {
    Counter& sent = registry.counter("order.sent", {{"strategy", "mm"}}, "orders");
    Gauge& mid = registry.gauge("md.mid", {{"instrument", "AMZN"}}, "price");
    TelemetryPublisher& publisher = start();
    EXPECT_EQ(publisher.endpoint(), endpoint);

    // Engine thread from here.
    sent.add(10);
    mid.set(100.25);
    publisher.on_metrics_sample(1 * kSecond);
    OrderRecord r = order(1, 1 * kSecond + 10);
    publisher.on_order_released(r);
    publisher.on_order_released(r);
    OrderUpdate u = fill(1, 1 * kSecond + 20);
    publisher.on_fill(u, 0, account_after_fill());
    publisher.on_order_update(&r, u);
    Alert alert;
    alert.ts = 2 * kSecond;
    alert.severity = AlertSeverity::Warning;
    alert.source.assign("drawdown");
    alert.message.assign("drawdown 5% of peak");
    publisher.on_alert(alert);
    publisher.on_alert(alert);  // same measurement, tags and ns: must not overwrite the first
    RiskEvent risk;
    risk.ts = 2 * kSecond + 1;
    risk.kind = RiskEventKind::KillSwitchEngaged;
    risk.level = RiskLevel::Halted;
    risk.source = "operator";
    risk.text = "kill file present";
    publisher.on_risk_event(risk);
    sent.add(30);
    publisher.on_metrics_sample(3 * kSecond);

    const TelemetryReport report = publisher.finish();
    sub.receive_until(report.total_points);

    EXPECT_TRUE(report.enabled);
    EXPECT_EQ(report.subscribers_at_start, 1u);
    EXPECT_EQ(report.dropped_events, 0u);
    EXPECT_EQ(report.dropped_samples, 0u);
    EXPECT_EQ(report.samples, 2u);
    ASSERT_EQ(sub.points.size(), report.total_points);
    EXPECT_EQ(sub.headers.size(), report.messages);
    expect_contiguous(sub.headers, report.session, "test-host");
    EXPECT_EQ(count_by_measurement(sub.points), report.published_points);

    // Events: 3 order points (new, released, filled), a fill, two alerts, a risk event.
    EXPECT_EQ(report.published_points.at("order"), 3u);
    EXPECT_EQ(report.published_points.at("fill"), 1u);
    EXPECT_EQ(report.published_points.at("alert"), 2u);
    EXPECT_EQ(report.published_points.at("risk_event"), 1u);
    // Samples: 2 registry metrics + 4 telemetry.* + 4 system.* each.
    EXPECT_EQ(report.published_points.at("order.sent"), 2u);
    EXPECT_EQ(report.published_points.at("system.rss_bytes"), 2u);
    EXPECT_EQ(report.published_points.at("telemetry.dropped_events"), 2u);
    EXPECT_EQ(report.total_points, 7u + 2u * 10u);

    const auto counter = of(sub, "order.sent");
    ASSERT_EQ(counter.size(), 2u);
    EXPECT_EQ(counter[0]->ts, 1 * kSecond);
    EXPECT_EQ(counter[0]->integer("count"), 10);
    EXPECT_EQ(counter[0]->floating("rate"), 0.0);
    EXPECT_EQ(counter[1]->integer("count"), 40);
    EXPECT_DOUBLE_EQ(counter[1]->floating("rate"), 15.0);  // 30 orders over 2 s of host time
    EXPECT_EQ(counter[1]->tags.at("strategy"), "mm");
    EXPECT_DOUBLE_EQ(of(sub, "md.mid")[0]->floating("value"), 100.25);
    // A sample travels alone: every point of its message carries the sample's time.
    for (const auto* p : of(sub, "system.threads")) {
        EXPECT_GE(p->floating("value"), 2.0);  // this thread and the publisher's
        for (const auto& q : sub.points) {
            if (q.message != p->message) continue;
            EXPECT_EQ(q.ts, p->ts) << q.measurement;
        }
    }

    const auto orders = of(sub, "order");
    ASSERT_EQ(orders.size(), 3u);
    EXPECT_EQ(orders[0]->tags.at("status"), "released");
    EXPECT_EQ(orders[1]->tags.at("status"), "released");
    EXPECT_EQ(orders[2]->tags.at("status"), "filled");
    EXPECT_EQ(orders[0]->ts, 1 * kSecond + 10);
    EXPECT_EQ(orders[1]->ts, 1 * kSecond + 11);  // same ns as the creation: nudged by 1
    EXPECT_EQ(orders[2]->ts, 1 * kSecond + 20);
    EXPECT_DOUBLE_EQ(orders[2]->floating("price"), 100.25);
    const auto fills = of(sub, "fill");
    ASSERT_EQ(fills.size(), 1u);
    EXPECT_EQ(fills[0]->tags.at("liquidity"), "maker");
    EXPECT_DOUBLE_EQ(fills[0]->floating("fee"), -0.2);
    EXPECT_DOUBLE_EQ(fills[0]->floating("position"), 100.0);
    const auto alerts = of(sub, "alert");
    ASSERT_EQ(alerts.size(), 2u);
    EXPECT_EQ(alerts[0]->ts, 2 * kSecond);
    EXPECT_EQ(alerts[1]->ts, 2 * kSecond + 1);
    EXPECT_EQ(alerts[1]->tags.at("source"), "drawdown");
    EXPECT_EQ(alerts[1]->string("message"), "drawdown 5% of peak");
    const auto risks = of(sub, "risk_event");
    ASSERT_EQ(risks.size(), 1u);
    EXPECT_EQ(risks[0]->ts, 2 * kSecond + 1);  // another measurement: not nudged
    EXPECT_EQ(risks[0]->tags.at("kind"), "kill_switch_engaged");
    EXPECT_EQ(risks[0]->tags.at("level"), "halted");
    EXPECT_EQ(risks[0]->string("text"), "kill file present");
    EXPECT_EQ(report.nudged_timestamps, 2u);
}

// Events are handed to the publisher thread in blocks of 64; a taken sample hands over a partial
// block, so a quiet host's events reach subscribers with its next sample, not at the end of the run.
TEST_F(SubscribedPublisher, ATakenSampleHandsOverTheEventsPushedBeforeIt) {
    TelemetryPublisher& publisher = start();
    for (int i = 0; i < 3; ++i) publisher.on_order_released(order(OrderId(i + 1), i));
    publisher.on_metrics_sample(1 * kSecond);

    constexpr std::uint64_t kSamplePoints = 4 + 4;  // telemetry.* and system.*: the registry is empty
    sub.receive_until(3 + kSamplePoints);
    EXPECT_EQ(of(sub, "order").size(), 3u) << "received before finish()";
    EXPECT_EQ(of(sub, "system.rss_bytes").size(), 1u);
    publisher.finish();
}

TEST_F(SubscribedPublisher, FullQueuesDropAndCountWithoutBlocking) {
    config.queue_capacity = 16;
    config.sample_slots = 2;
    TelemetryPublisher& publisher = start();

    const auto t0 = std::chrono::steady_clock::now();
    overload(publisher);
    const auto engine_time = std::chrono::steady_clock::now() - t0;
    const TelemetryReport report = publisher.finish();
    sub.receive_until(report.total_points);

    EXPECT_LT(engine_time, std::chrono::milliseconds(200)) << "the engine side must never wait";
    EXPECT_GT(report.dropped_events, 0u);
    EXPECT_GT(report.dropped_samples, 0u);
    EXPECT_EQ(report.published_points.at("order") + report.dropped_events, std::uint64_t(kOverloadEvents));
    EXPECT_EQ(report.samples + report.dropped_samples, std::uint64_t(kOverloadSamples));
    EXPECT_EQ(sub.points.size(), report.total_points);
    EXPECT_EQ(count_by_measurement(sub.points), report.published_points);
    expect_contiguous(sub.headers, report.session, "test-host");
    // The drop counters are metrics too: the last sample shows what was dropped before it.
    const auto dropped = of(sub, "telemetry.dropped_events");
    ASSERT_FALSE(dropped.empty());
    EXPECT_EQ(std::uint64_t(dropped.back()->integer("count")), report.dropped_events);
}

TEST(TelemetryPublisher, NoSubscriberWithinTheTimeoutWarnsAndGoesOn) {
    Logger logger(LogLevel::Error);
    MetricsRegistry registry;
    TelemetryConfig config = config_for("tcp://127.0.0.1:*");
    config.subscriber_timeout = 100'000'000;
    config.linger = 0;
    TelemetryPublisher publisher(config, registry, {amzn()}, {"mm"}, logger);
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(publisher.start());
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100));
    publisher.on_order_released(order(1, 5));
    const TelemetryReport report = publisher.finish();
    EXPECT_EQ(report.subscribers_at_start, 0u);
    EXPECT_EQ(report.published_points.at("order"), 1u);  // sent, to nobody
}

TEST(TelemetryPublisher, BindErrorNamesTheEndpointKey) {
    const std::string endpoint = free_tcp_endpoint();
    zmq::context_t ctx;
    zmq::socket_t squatter(ctx, zmq::socket_type::pub);
    squatter.set(zmq::sockopt::linger, 0);
    squatter.bind(endpoint);
    Logger logger(LogLevel::Error);
    MetricsRegistry registry;
    TelemetryConfig config = config_for(endpoint);
    config.endpoint_where = ConfigLocation{"cfg.toml", 40, 12, "telemetry.endpoint"};
    TelemetryPublisher publisher(config, registry, {amzn()}, {"mm"}, logger);
    const auto started = publisher.start();
    ASSERT_FALSE(started);
    EXPECT_NE(started.error().message.find("cfg.toml:40:12: telemetry.endpoint: cannot bind the telemetry endpoint '" +
                                           endpoint + "': Address already in use"),
              std::string::npos)
        << started.error().message;
}

// when_full = "wait" (for backtests that must publish everything): the same
// overload as above loses nothing — the engine side waits for the publisher.
TEST_F(SubscribedPublisher, WaitModeLosesNothingUnderTheSameOverload) {
    config.queue_capacity = 16;
    config.sample_slots = 2;
    config.when_full = TelemetryConfig::WhenFull::Wait;
    TelemetryPublisher& publisher = start();

    overload(publisher);
    const TelemetryReport report = publisher.finish();
    sub.receive_until(report.total_points);

    EXPECT_EQ(report.dropped_events, 0u);
    EXPECT_EQ(report.dropped_samples, 0u);
    EXPECT_EQ(report.published_points.at("order"), std::uint64_t(kOverloadEvents));
    EXPECT_EQ(report.samples, std::uint64_t(kOverloadSamples));
    EXPECT_EQ(count_by_measurement(sub.points), report.published_points);
    expect_contiguous(sub.headers, report.session, "test-host");
}

// In drop mode the publisher sends at most max_samples_per_second samples per
// wall second; the rest are skipped before capture and counted as dropped.
TEST_F(SubscribedPublisher, DropModeCapsSamplesPerWallSecond) {
    config.sample_slots = 2;
    config.max_samples_per_second = 20;
    TelemetryPublisher& publisher = start();

    constexpr int kBoundaries = 400;
    int taken = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kBoundaries; ++i) {
        const Timestamp ts = Timestamp(i + 1) * kSecond;
        if (publisher.wants_metrics_sample(ts)) {
            publisher.on_metrics_sample(ts);
            ++taken;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(1000));
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const TelemetryReport report = publisher.finish();
    sub.receive_until(report.total_points);

    // At most: both slots, plus one per 50 ms of the run, plus one for the clock's edge, plus one
    // for the cap's catch-up after a pause (up to the 16 ms longest pause's worth: under one period).
    EXPECT_LE(double(taken), 2.0 + 20.0 * elapsed + 1.0 + 1.0) << "elapsed " << elapsed << " s";
    EXPECT_GE(taken, 2);
    EXPECT_EQ(report.samples, std::uint64_t(taken));
    EXPECT_EQ(report.dropped_samples, std::uint64_t(kBoundaries - taken));
    EXPECT_EQ(count_by_measurement(sub.points), report.published_points);
}
