// A short backtest of config/demo.toml with telemetry switched on through
// --set overrides publishes metric samples stamped with simulated time.

#include <gtest/gtest.h>

#include "config/config_loader.hpp"
#include "kernel/backtest.hpp"
#include "plugin/shipped_plugins.hpp"
#include "util/logger.hpp"
#include "wire_subscriber.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {
// 2012-06-21 09:30 and 09:35 New York time (EDT, UTC-4): the first five minutes of the demo's data.
constexpr Timestamp kOpen = 1340285400LL * 1'000'000'000;
constexpr Timestamp kEnd = kOpen + 300LL * 1'000'000'000;
constexpr Timestamp kInterval = 10LL * 1'000'000'000;
}  // namespace

TEST(BacktestTelemetry, DemoPublishesSamplesInSimulatedTime) {
    const std::string endpoint = free_tcp_endpoint();
    WireSubscriber sub(endpoint);
    const std::vector<std::string> overrides{
        "backtest.end=2012-06-21T13:35:00Z", "telemetry.endpoint=" + endpoint,
        "telemetry.host_id=demo-test",       "telemetry.interval=10s",
        "telemetry.wait_for_subscribers=1",  "risk.kill_file=build-t2-no-such-kill-file"};
    auto config = load_config("config/demo.toml", overrides);
    ASSERT_TRUE(config) << config.error().message;
    BacktestOptions options;
    options.default_plugin_paths = {TRELLIS_PLUGIN_DIR};
    Logger logger(LogLevel::Error);
    auto report = run_backtest(*config, options, logger);
    ASSERT_TRUE(report) << report.error().message;
    const TelemetryReport& t = report->telemetry;
    sub.receive_until(t.total_points, std::chrono::milliseconds(20000));

    ASSERT_TRUE(t.enabled);
    EXPECT_EQ(t.host_id, "demo-test");
    EXPECT_EQ(t.subscribers_at_start, 1u);
    EXPECT_EQ(t.dropped_samples, 0u);
    ASSERT_EQ(sub.points.size(), t.total_points);
    expect_contiguous(sub.headers, t.session, "demo-test");
    EXPECT_EQ(count_by_measurement(sub.points), t.published_points);
    // Order points: at least the creation of every order the strategy submitted.
    EXPECT_GE(t.published_points.at("order") + t.dropped_events, report->orders);

    // About one sample per 10 s of the 5 simulated minutes, each at a simulated time inside the run.
    EXPECT_GE(t.samples, 25u);
    EXPECT_LE(t.samples, 32u);
    std::vector<Timestamp> sample_times;
    std::int64_t last_updates = -1;
    for (const auto& p : sub.points) {
        if (p.measurement != "md.updates") continue;
        EXPECT_EQ(p.tags.at("instrument"), "AMZN");
        EXPECT_GE(p.ts, kOpen);
        EXPECT_LE(p.ts, kEnd + kInterval);            // the last sample is at the final clock, just past the last event
        EXPECT_GE(p.integer("count"), last_updates);  // a cumulative counter
        last_updates = p.integer("count");
        sample_times.push_back(p.ts);
    }
    ASSERT_EQ(sample_times.size(), t.samples);
    for (std::size_t i = 1; i + 1 < sample_times.size(); ++i)
        EXPECT_EQ(sample_times[i] - sample_times[i - 1], kInterval) << "sample " << i;
    EXPECT_GT(last_updates, 0);
    EXPECT_LE(std::uint64_t(last_updates), report->events);
}
