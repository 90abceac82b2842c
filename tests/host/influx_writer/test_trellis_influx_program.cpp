// The trellis-influx program end to end: a real influxd, the real binary as a
// child process with a temp config, wire messages published by the test on a
// ZeroMQ XPUB socket. Checks what arrives in InfluxDB per measurement, the
// writer's own metrics, the flush of the last partial batch on SIGTERM and
// the exit codes of --check.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <zmq.hpp>

#include "child_process.hpp"
#include "eventually.hpp"
#include "influxd_process.hpp"
#include "temp_dir.hpp"
#include "writer_test_support.hpp"

namespace trellis::host::influx_writer {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::wire_message;
using trellis::test::ChildProcess;
using trellis::test::InfluxdProcess;
using trellis::test::TempDir;

const std::string kWriterBinary = std::string(TRELLIS_BINARY_DIR) + "/bin/trellis-influx";
constexpr std::string_view kDb = "trellis_e2e";

void write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
}

std::string writer_config(const std::string& endpoint, const std::string& influx_url) {
    return "writer_id = \"e2e-writer\"\n"
           "[[hosts]]\n"
           "endpoint = \"" +
           endpoint +
           "\"\n"
           "[influx]\n"
           "url = \"" +
           influx_url +
           "\"\n"
           "database = \"" +
           std::string(kDb) +
           "\"\n"
           "create_database = true\n"
           "timeout = \"5s\"\n"
           "[batch]\n"
           "max_points = 5\n"
           "max_delay = \"1h\"\n"  // only size seals while running: the rest must come from SIGTERM
           "[retry]\n"
           "initial_backoff = \"50ms\"\n"
           "max_backoff = \"200ms\"\n"
           "[spool]\n"
           "dir = \"spool\"\n"
           "[dead_letter]\n"
           "path = \"dead_letter.lp\"\n"
           "[self_metrics]\n"
           "interval = \"1h\"\n"  // so the only self-metrics point is the one written at shutdown
           "[shutdown]\n"
           "timeout = \"10s\"\n";
}

// The single series of a query, or null when the measurement has no data.
json series_of(const InfluxdProcess& server, const std::string& influxql) {
    const json reply = json::parse(server.query(kDb, influxql));
    const json& result = reply.at("results").at(0);
    if (!result.contains("series")) return nullptr;
    return result.at("series").at(0);
}

std::int64_t count_of(const InfluxdProcess& server, std::string_view measurement) {
    const json series = series_of(server, "SELECT count(\"v\") FROM " + trellis::test::quote_identifier(measurement));
    return series.is_null() ? 0 : series.at("values").at(0).at(1).get<std::int64_t>();
}

json column(const json& series, std::string_view name) {
    const json& columns = series.at("columns");
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].get<std::string>() == name) return series.at("values").at(0).at(i);
    ADD_FAILURE() << "no column '" << name << "' in " << series.dump();
    return nullptr;
}

TEST(TrellisInfluxProgram, WritesHostPointsCountsGapsAndFlushesOnSigterm) {
    InfluxdProcess server;
    TempDir dir;
    zmq::context_t context(1);
    zmq::socket_t publisher(context, zmq::socket_type::xpub);
    publisher.set(zmq::sockopt::rcvtimeo, 15'000);
    publisher.bind("tcp://127.0.0.1:*");
    const std::string endpoint = publisher.get(zmq::sockopt::last_endpoint);
    write_file(dir.path() / "writer.toml", writer_config(endpoint, server.base_url()));

    ChildProcess writer({kWriterBinary, "--config", (dir.path() / "writer.toml").string()}, dir.path() / "out.txt",
                        dir.path() / "err.txt");
    // The writer's SUB socket subscribes to everything: XPUB hands us "\x01" (subscribe) + "" (all).
    zmq::message_t subscription;
    ASSERT_TRUE(publisher.recv(subscription)) << "no subscription within 15 s; writer log:\n" << writer.err();
    ASSERT_EQ(subscription.to_string(), std::string("\x01", 1));

    const std::int64_t t = 1'700'000'000'000'000'000;  // distinct timestamps: InfluxDB merges equal ones
    const auto send = [&](const std::string& bytes) { publisher.send(zmq::buffer(bytes), zmq::send_flags::none); };
    send(wire_message("h1", 7, 1, {{"cpu", 1, t + 1}, {"cpu", 2, t + 2}, {"cpu", 3, t + 3}}));  // seq 1..3
    send(wire_message("h1", 7, 4, {{"cpu", 4, t + 4}, {"cpu", 5, t + 5}, {"cpu", 6, t + 6}}));  // 4..6; 5th seals
    send(wire_message("h1", 7, 4, {{"cpu", 4, t + 4}, {"cpu", 5, t + 5}, {"cpu", 6, t + 6}}));  // replayed
    send("garbage, not a telemetry message");
    send(wire_message("h1", 7, 11, {{"mem", 1, t + 11}, {"mem", 2, t + 12}}));  // 7..10 lost

    // A full batch (max_points = 5) goes out while the writer runs; nothing else is sealed before SIGTERM.
    ASSERT_TRUE(trellis::test::eventually([&] { return count_of(server, "cpu") == 5; }, 15s)) << "writer log:\n"
                                                                                              << writer.err();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(count_of(server, "cpu"), 5);
    EXPECT_EQ(count_of(server, "mem"), 0);

    writer.signal(SIGTERM);
    ASSERT_EQ(writer.wait_exit(30s), 0) << "stdout:\n" << writer.out() << "\nstderr:\n" << writer.err();

    // The partial batch (cpu 6, mem 1..2) and the final self-metrics point were flushed at SIGTERM.
    EXPECT_EQ(count_of(server, "cpu"), 6);
    EXPECT_EQ(count_of(server, "mem"), 2);
    const json hosts = series_of(server, "SHOW TAG VALUES FROM \"cpu\" WITH KEY = \"host\"");
    ASSERT_FALSE(hosts.is_null());
    EXPECT_EQ(hosts.at("values").dump(), R"([["host","h1"]])");

    const json self = series_of(server, "SELECT * FROM \"trellis_influx\"");
    ASSERT_FALSE(self.is_null()) << "no trellis_influx point; writer log:\n" << writer.err();
    EXPECT_EQ(self.at("values").size(), 1u);
    EXPECT_EQ(column(self, "writer"), "e2e-writer");
    EXPECT_EQ(column(self, "messages_in"), 5);
    EXPECT_EQ(column(self, "bad_messages"), 1);
    EXPECT_EQ(column(self, "points_in"), 11);  // every point of the 4 well-formed messages
    EXPECT_EQ(column(self, "duplicate_points"), 3);
    EXPECT_EQ(column(self, "gaps"), 1);
    EXPECT_EQ(column(self, "lost_points"), 4);
    EXPECT_EQ(column(self, "points_out"), 5);  // the first batch, acknowledged before shutdown began

    const std::string summary = writer.out();
    EXPECT_TRUE(std::regex_search(summary, std::regex("\n  lost_points +4\n"))) << summary;
    EXPECT_TRUE(std::regex_search(summary, std::regex("\n  gaps +1\n"))) << summary;
    // 5 cpu + (1 cpu + 2 mem + 1 self-metrics point) at shutdown.
    EXPECT_TRUE(std::regex_search(summary, std::regex("\n  points_out +9\n"))) << summary;
    EXPECT_NE(summary.find("everything was delivered; the spool is empty"), std::string::npos) << summary;
    EXPECT_NE(writer.err().find("host 'h1' session 7: lost 4 point(s), seq 7..10"), std::string::npos) << writer.err();
}

TEST(TrellisInfluxProgram, CheckExitsZeroForAValidConfigAndTwoWithEveryProblem) {
    TempDir dir;
    write_file(dir.path() / "good.toml", writer_config("tcp://127.0.0.1:5556", "http://127.0.0.1:8086"));
    const auto good = trellis::test::run_to_completion(
        {kWriterBinary, "--config", (dir.path() / "good.toml").string(), "--check"}, dir.path());
    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_NE(good.out.find("good.toml: OK"), std::string::npos) << good.out;

    const std::string bad_file = (dir.path() / "bad.toml").string();
    write_file(bad_file, "[influx]\ngzip_level = 12\n");
    const auto bad = trellis::test::run_to_completion({kWriterBinary, "--config", bad_file, "--check"}, dir.path());
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, bad_file + ":1:1: hosts: at least one [[hosts]] table is required (add a [[hosts]] section)\n" +
                           bad_file + ":2:14: influx.gzip_level: 12 is out of range (must be between 1 and 9)\n");

    const auto usage = trellis::test::run_to_completion({kWriterBinary}, dir.path());
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_NE(usage.err.find("--config is required"), std::string::npos) << usage.err;
}

}  // namespace
}  // namespace trellis::host::influx_writer
