// The sender against a scripted loopback server: the answers InfluxDB cannot
// be made to give (5xx, 401, a hang), and FIFO order through the spool.
#include <gtest/gtest.h>

#include "influx/gzip.hpp"
#include "influx/influx_sender.hpp"
#include "influxd_process.hpp"
#include "scripted_http_server.hpp"
#include "sender_test_support.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {

using namespace std::chrono_literals;
using test::eventually;
using test::make_batch;
using test::ScriptedHttpServer;
using test::TempDir;

class SenderRetries : public ::testing::Test {
protected:
    SenderConfig config_for(const std::string& url) const {
        SenderConfig config;
        config.url = url;
        config.database = "db";
        config.timeout = 2s;
        config.initial_backoff = 5ms;
        config.max_backoff = 20ms;
        config.spool_dir = dir.path() / "spool";
        config.dead_letter_path = dir.path() / "dead.lp";
        return config;
    }
    std::unique_ptr<InfluxSender> open(const SenderConfig& config) {
        auto sender = InfluxSender::open(config, metrics, logger);
        EXPECT_TRUE(sender) << (sender ? "" : sender.error().message);
        return sender ? std::move(*sender) : nullptr;
    }
    static std::string body_text(const ScriptedHttpServer::Request& request) {
        if (request.head.find("Content-Encoding: gzip") == std::string::npos) return request.body;
        auto text = gzip_decompress(request.body);
        return text ? *text : "<bad gzip>";
    }

    TempDir dir;
    WriterMetrics metrics;
    Logger logger{LogLevel::Error};
};

TEST_F(SenderRetries, ServerErrorsAreRetriedFromTheSpoolUntil204) {
    ScriptedHttpServer server({{503, "{\"error\":\"overloaded\"}"}, {500, "{\"error\":\"boom\"}"}});
    auto sender = open(config_for(server.url()));
    const auto batch = make_batch("m", 7, 1000);
    sender->start();
    sender->submit(batch);
    ASSERT_TRUE(eventually([&] { return sender->idle(); }));
    EXPECT_TRUE(sender->shutdown(std::chrono::steady_clock::now() + 1s));

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 3u);
    for (const auto& request : requests) {
        EXPECT_EQ(body_text(request), batch.lines);  // the same batch each time, gzip on the wire
        EXPECT_NE(request.head.find("POST /write?db=db&precision=ns HTTP/1.1"), std::string::npos);
        EXPECT_NE(request.head.find("Content-Encoding: gzip"), std::string::npos);
        EXPECT_EQ(request.head.find("Authorization:"), std::string::npos);
    }
    EXPECT_EQ(metrics.retries.load(), 2u);
    EXPECT_EQ(metrics.spooled_batches.load(), 1u);   // moved to the spool at the first failure
    EXPECT_EQ(metrics.replayed_batches.load(), 1u);  // delivered from there
    EXPECT_EQ(metrics.points_out.load(), 7u);
    EXPECT_EQ(metrics.batches_out.load(), 1u);
    EXPECT_EQ(metrics.spool_bytes.load(), 0u);
}

TEST_F(SenderRetries, ATimeoutIsRetried) {
    ScriptedHttpServer server({{.status = 0, .body = "", .hang = true}});
    auto config = config_for(server.url());
    config.timeout = 200ms;
    config.gzip = false;
    auto sender = open(config);
    sender->start();
    const auto batch = make_batch("m", 2, 1);
    sender->submit(batch);
    ASSERT_TRUE(eventually([&] { return sender->idle(); }));
    sender->shutdown(std::chrono::steady_clock::now());
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].answered, 0);
    EXPECT_EQ(requests[1].body, batch.lines);  // gzip off: plain text
    EXPECT_EQ(requests[1].head.find("Content-Encoding"), std::string::npos);
    EXPECT_EQ(metrics.retries.load(), 1u);
    EXPECT_EQ(metrics.points_out.load(), 2u);
}

TEST_F(SenderRetries, UnauthorizedIsRetriedAndBasicAuthIsSent) {
    ScriptedHttpServer server({{401, "{\"error\":\"authorization failed\"}"}});
    auto config = config_for(server.url());
    config.username = "writer";
    config.password = "secret";
    auto sender = open(config);
    sender->start();
    sender->submit(make_batch("m", 1, 1));
    ASSERT_TRUE(eventually([&] { return sender->idle(); }));
    sender->shutdown(std::chrono::steady_clock::now());
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    // base64("writer:secret") == "d3JpdGVyOnNlY3JldA=="
    EXPECT_NE(requests[1].head.find("Authorization: Basic d3JpdGVyOnNlY3JldA=="), std::string::npos);
    EXPECT_EQ(metrics.retries.load(), 1u);
    EXPECT_EQ(metrics.points_out.load(), 1u);
}

TEST_F(SenderRetries, BatchesArriveInSubmitOrderThroughFailuresAndOverflow) {
    // Three failures in a row while 20 batches are submitted into a memory queue of 2.
    ScriptedHttpServer server({{503, ""}, {503, ""}, {503, ""}});
    auto config = config_for(server.url());
    config.memory_batches = 2;
    config.initial_backoff = 20ms;
    auto sender = open(config);
    sender->start();
    std::vector<LineBatch> batches;
    for (int i = 0; i < 20; ++i) {
        batches.push_back(make_batch("m" + std::to_string(i), 3, i * 100));
        sender->submit(batches.back());
    }
    ASSERT_TRUE(eventually([&] { return sender->idle(); }));
    EXPECT_TRUE(sender->shutdown(std::chrono::steady_clock::now()));
    std::vector<std::string> delivered;
    for (const auto& request : server.requests()) {
        if (request.answered == 204) delivered.push_back(body_text(request));
    }
    ASSERT_EQ(delivered.size(), batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i) EXPECT_EQ(delivered[i], batches[i].lines) << "batch " << i;
    EXPECT_EQ(metrics.points_out.load(), 60u);
    EXPECT_EQ(metrics.retries.load(), 3u);
}

TEST_F(SenderRetries, ShutdownKeepsUndeliveredBatchesInTheSpoolForTheNextStart) {
    const unsigned short closed_port = test::free_loopback_port();
    const auto batch = make_batch("m", 4, 1);
    {
        auto sender = open(config_for("http://127.0.0.1:" + std::to_string(closed_port)));
        sender->start();
        sender->submit(batch);
        ASSERT_TRUE(eventually([&] { return metrics.retries.load() >= 2; }));  // connection refused, twice
        EXPECT_FALSE(sender->shutdown(std::chrono::steady_clock::now() + 50ms));
    }
    ScriptedHttpServer server({});
    auto sender = open(config_for(server.url()));
    sender->start();
    ASSERT_TRUE(eventually([&] { return sender->idle(); }));
    EXPECT_TRUE(sender->shutdown(std::chrono::steady_clock::now()));
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(body_text(requests[0]), batch.lines);
    EXPECT_EQ(metrics.replayed_batches.load(), 1u);
}

TEST_F(SenderRetries, OpenRefusesAConfigWithoutSpoolDirectory) {
    auto config = config_for("http://127.0.0.1:1");
    config.spool_dir.clear();
    const auto sender = InfluxSender::open(config, metrics, logger);
    ASSERT_FALSE(sender);
    EXPECT_NE(sender.error().message.find("spool_dir"), std::string::npos);
}

}  // namespace
}  // namespace trellis::host::influx
