#include "influx_ratio_bench.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "influx/http_client.hpp"
#include "influx/write_url.hpp"
#include "influx_writer/writer_run.hpp"
#include "influxd_process.hpp"
#include "percentiles.hpp"
#include "telemetry/line_point_encoder.hpp"
#include "telemetry/wire_format.hpp"
#include "util/logger.hpp"

namespace trellis::bench {
namespace {
using Clock = std::chrono::steady_clock;
namespace tm = host::telemetry;
using namespace std::chrono_literals;

constexpr std::uint64_t kBatch = 5000;             // the writer's default batch, and the raw POST's
constexpr std::uint32_t kPointsPerMessage = 1000;  // what the host's publisher packs into one message
constexpr std::string_view kHost = "bench-host";

// Point i of the run: 8 instruments x 4 metrics, each series with its own
// increasing timestamps, so no two points share a key (InfluxDB would keep one).
// The very last point goes to the measurement "bench_end": it tells the
// benchmark that everything before it was written (the writer delivers in order).
template <class F>
void with_point(std::uint64_t i, std::uint64_t total, F&& f) {
    static constexpr std::array<std::string_view, 8> kInstruments{"AMZN", "AAPL",    "MSFT",    "GOOG",
                                                                  "INTC", "BTC-USD", "ETH-USD", "SPY"};
    static constexpr std::array<std::string_view, 4> kMetrics{"order.ack_latency", "md.lag", "account.equity",
                                                              "strategy.events"};
    const std::array<tm::Tag, 2> tags{{{"instrument", kInstruments[i % 8]}, {"venue", "sim"}}};
    const auto n = static_cast<std::int64_t>(i);
    const std::array<tm::Field, 4> fields{{{"count", tm::FieldValue::integer(n & 1023)},
                                           {"p50", tm::FieldValue::integer(150'000 + (n & 255))},
                                           {"p99", tm::FieldValue::integer(210'000 + (n & 511))},
                                           {"mean", tm::FieldValue::floating(151'234.5 + double(n & 63) * 0.25)}}};
    const std::string_view measurement = i + 1 == total ? "bench_end" : kMetrics[(i / 8) % 4];
    f(tm::Point{measurement, tags, fields, 1'340'280'000'000'000'000 + n});
}

// The points as the host's publisher would send them: wire messages of 1,000 points.
host::Result<std::vector<std::string>> wire_messages(std::uint64_t total) {
    std::vector<std::string> messages;
    tm::WireMessageWriter writer;
    for (std::uint64_t i = 0; i < total; ++i) {
        if (i % kPointsPerMessage == 0) writer.begin(kHost, 7, i + 1);
        host::Result<void> added;
        with_point(i, total, [&](const tm::Point& p) { added = writer.add(p); });
        if (!added) return std::unexpected(added.error());
        if ((i + 1) % kPointsPerMessage == 0 || i + 1 == total) messages.emplace_back(writer.bytes());
    }
    return messages;
}

// The same points as line protocol with the tag the writer adds, in POST-sized batches.
host::Result<std::vector<std::string>> line_batches(std::uint64_t total) {
    std::vector<std::string> batches;
    tm::LinePointEncoder encoder;
    std::string batch;
    for (std::uint64_t i = 0; i < total; ++i) {
        host::Result<void> added;
        with_point(i, total, [&](const tm::Point& p) {
            std::array<tm::Tag, 3> tags{{p.tags[0], p.tags[1], {"host", kHost}}};
            added = encoder.append(batch, tm::Point{p.measurement, tags, p.fields, p.timestamp_ns});
        });
        if (!added) return std::unexpected(added.error());
        if ((i + 1) % kBatch == 0 || i + 1 == total) batches.push_back(std::exchange(batch, {}));
    }
    return batches;
}

host::Result<void> create_database(const test::InfluxdProcess& server, const std::string& db) {
    try {
        server.create_database(db);
    } catch (const std::exception& e) {
        return host::fail(fmt::format("influxd: {}", e.what()));
    }
    return {};
}

bool has_end_marker(const test::InfluxdProcess& server, const std::string& db) {
    try {
        return server.query(db, "SELECT count(\"count\") FROM \"bench_end\"").find("\"values\"") != std::string::npos;
    } catch (const std::exception&) {
        return false;
    }
}

host::Result<double> run_raw(const test::InfluxdProcess& server, const std::string& db,
                             const std::vector<std::string>& batches) {
    if (auto created = create_database(server, db); !created) return std::unexpected(created.error());
    auto url = host::influx::make_write_url(server.base_url(), db, "");
    if (!url) return std::unexpected(url.error());
    host::influx::HttpClient client(host::influx::HttpClientOptions{std::chrono::milliseconds(60'000), "", ""});
    const auto t0 = Clock::now();
    for (const std::string& body : batches) {
        const auto reply = client.post(*url, body, false);
        if (reply.status != 204) return host::fail(fmt::format("raw POST: HTTP {}: {}", reply.status, reply.body));
    }
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

host::Result<double> run_writer(const test::InfluxdProcess& server, const std::string& db,
                                const std::vector<std::string>& messages, const std::filesystem::path& dir,
                                bool force_gzip) {
    if (auto created = create_database(server, db); !created) return std::unexpected(created.error());
    zmq::context_t context;
    zmq::socket_t pub(context, zmq::socket_type::xpub);
    pub.set(zmq::sockopt::sndhwm, 0);  // the benchmark sends faster than anyone reads: queue, never drop
    pub.bind("tcp://127.0.0.1:*");
    const std::string endpoint = pub.get(zmq::sockopt::last_endpoint);

    host::influx_writer::WriterConfig config;
    config.file = "trellis-bench";
    config.writer_id = "bench-writer";
    config.host_endpoints = {endpoint};
    config.sender.url = server.base_url();
    config.sender.database = db;
    config.sender.spool_dir = dir / ("spool-" + db);
    config.sender.dead_letter_path = dir / ("dead-" + db + ".lp");
    config.sender.gzip = force_gzip || host::influx_writer::gzip_auto_for(config.sender.url);  // "auto" by default
    config.create_database = false;

    int stop[2];
    if (::pipe(stop) != 0) return host::fail("pipe failed");
    host::Logger logger(LogLevel::Warn);
    std::ostringstream summary;
    int exit_code = -1;
    std::thread writer([&] { exit_code = host::influx_writer::run_writer(config, logger, stop[0], summary); });
    auto stop_writer = [&] {
        (void)!::write(stop[1], "x", 1);
        writer.join();
        ::close(stop[0]);
        ::close(stop[1]);
    };

    // Start the clock once the writer's subscription has arrived (nothing is lost to a slow join).
    zmq::pollitem_t item{pub.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(10'000)) <= 0) {
        stop_writer();
        return host::fail("trellis-influx did not subscribe within 10 s");
    }
    zmq::message_t subscription;
    (void)pub.recv(subscription);

    const auto t0 = Clock::now();
    for (const std::string& m : messages) pub.send(zmq::buffer(m), zmq::send_flags::none);
    const auto deadline = t0 + 300s;
    while (!has_end_marker(server, db) && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    stop_writer();
    if (Clock::now() >= deadline) return host::fail("trellis-influx did not deliver within 300 s: " + summary.str());
    if (exit_code != host::influx_writer::kExitOk)
        return host::fail(fmt::format("trellis-influx exited {}: {}", exit_code, summary.str()));
    return seconds;
}

}  // namespace

double InfluxRatioResult::raw_points_per_sec() const {
    const double m = median(raw_s);
    return m > 0 ? double(points) / m : 0.0;
}
double InfluxRatioResult::writer_points_per_sec() const {
    const double m = median(writer_s);
    return m > 0 ? double(points) / m : 0.0;
}
double InfluxRatioResult::ratio() const {
    const double raw = raw_points_per_sec();
    return raw > 0 ? writer_points_per_sec() / raw : 0.0;
}

host::Result<InfluxRatioResult> bench_influx_ratio(std::uint64_t points, int repeat, bool force_gzip) {
    InfluxRatioResult r;
    r.gzip = force_gzip;
    r.points = std::max<std::uint64_t>(kBatch, (points + kBatch - 1) / kBatch * kBatch);
    auto messages = wire_messages(r.points);
    if (!messages) return std::unexpected(messages.error());
    auto batches = line_batches(r.points);
    if (!batches) return std::unexpected(batches.error());
    try {
        test::InfluxdProcess server;
        // Every run writes into fresh databases. Which of the two goes first alternates, so that
        // influxd's background work after a write (WAL snapshots, compactions) falls on each alike.
        for (int run = 0; run < repeat; ++run) {
            auto raw_run = [&]() -> host::Result<void> {
                auto raw = run_raw(server, fmt::format("raw{}", run), *batches);
                if (!raw) return std::unexpected(raw.error());
                r.raw_s.push_back(*raw);
                return {};
            };
            auto writer_run = [&]() -> host::Result<void> {
                auto written =
                    run_writer(server, fmt::format("writer{}", run), *messages, server.directory(), force_gzip);
                if (!written) return std::unexpected(written.error());
                r.writer_s.push_back(*written);
                return {};
            };
            if (auto ok = run % 2 ? writer_run() : raw_run(); !ok) return std::unexpected(ok.error());
            if (auto ok = run % 2 ? raw_run() : writer_run(); !ok) return std::unexpected(ok.error());
        }
    } catch (const std::exception& e) {
        return host::fail(fmt::format("telemetry.influx_ratio: {}", e.what()));
    }
    return r;
}

}  // namespace trellis::bench
