// The sender against a real influxd (tests/support/influxd_process.hpp):
// delivery, 400 dead letters, 413 splits, an outage with SIGKILL, and a
// sender process SIGKILLed with a full spool.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "influx/influx_sender.hpp"
#include "influxd_process.hpp"
#include "sender_test_support.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {

using namespace std::chrono_literals;
using test::eventually;
using test::InfluxdProcess;
using test::make_batch;
using test::TempDir;

constexpr const char* kDatabase = "trellis_test";

std::uint64_t count_points(const InfluxdProcess& influxd, const std::string& measurement) {
    const auto json =
        nlohmann::json::parse(influxd.query(kDatabase, "SELECT count(*) FROM " + test::quote_identifier(measurement)));
    const auto& result = json.at("results").at(0);
    if (!result.contains("series")) return 0;
    return result.at("series").at(0).at("values").at(0).at(1).get<std::uint64_t>();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

class SenderInfluxd : public ::testing::Test {
protected:
    explicit SenderInfluxd(test::InfluxdOptions options = {}) : influxd(options) { influxd.create_database(kDatabase); }
    SenderConfig config() const {
        SenderConfig config;
        config.url = influxd.base_url();
        config.database = kDatabase;
        config.timeout = 5s;
        config.initial_backoff = 20ms;
        config.max_backoff = 200ms;
        config.spool_dir = dir.path() / "spool";
        config.dead_letter_path = dir.path() / "dead-letters.lp";
        return config;
    }
    std::unique_ptr<InfluxSender> open(const SenderConfig& config) {
        auto sender = InfluxSender::open(config, metrics, logger);
        EXPECT_TRUE(sender) << (sender ? "" : sender.error().message);
        return sender ? std::move(*sender) : nullptr;
    }
    void deliver_all(InfluxSender& sender, std::chrono::seconds timeout = 30s) {
        ASSERT_TRUE(eventually([&] { return sender.idle(); }, timeout));
        EXPECT_TRUE(sender.shutdown(std::chrono::steady_clock::now() + 5s));
    }
    std::string dead_letters() const { return test::read_text(dir.path() / "dead-letters.lp"); }

    TempDir dir;
    InfluxdProcess influxd;
    WriterMetrics metrics;
    Logger logger{LogLevel::Error};
};

TEST_F(SenderInfluxd, DeliversEveryBatch) {
    auto sender = open(config());
    sender->start();
    for (int i = 0; i < 10; ++i) sender->submit(make_batch("delivered", 100, i * 1000));
    deliver_all(*sender);
    EXPECT_EQ(count_points(influxd, "delivered"), 1000u);
    EXPECT_EQ(metrics.points_out.load(), 1000u);
    EXPECT_EQ(metrics.batches_out.load(), 10u);
    EXPECT_EQ(metrics.retries.load(), 0u);
    EXPECT_EQ(metrics.dead_letter_points.load(), 0u);
}

TEST_F(SenderInfluxd, TypeConflictDeadLettersExactlyTheRejectedLine) {
    ASSERT_EQ(influxd.write(kDatabase, "conflict value=1i 1\n").status, 204);  // value is an integer now
    auto sender = open(config());
    sender->start();
    sender->submit({"conflict,host=h1 value=2i 2\nconflict,host=h1 value=2.5 3\nother value=1 4\n", 3});
    deliver_all(*sender);

    const auto dead = lines_of(dead_letters());
    ASSERT_EQ(dead.size(), 2u) << dead_letters();
    EXPECT_TRUE(dead[0].starts_with("# ")) << dead[0];
    EXPECT_NE(dead[0].find(" UTC HTTP 400: partial write: field type conflict: input field \"value\" on measurement "
                           "\"conflict\" is type float, already exists as type integer"),
              std::string::npos)
        << dead[0];
    EXPECT_EQ(dead[1], "conflict,host=h1 value=2.5 3");
    EXPECT_EQ(count_points(influxd, "conflict"), 2u);  // the pre-written point and value=2i
    EXPECT_EQ(count_points(influxd, "other"), 1u);
    EXPECT_EQ(metrics.dead_letter_points.load(), 1u);
    EXPECT_EQ(metrics.points_out.load(), 2u);  // the rest, acknowledged when sent again
    EXPECT_EQ(metrics.retries.load(), 0u);
}

TEST_F(SenderInfluxd, UnparseableLineIsDeadLetteredAndTheOthersWritten) {
    auto sender = open(config());
    sender->start();
    sender->submit({"parsed value=1 1\nthis is not line protocol\nparsed value=2 2\n", 3});
    deliver_all(*sender);
    const auto dead = lines_of(dead_letters());
    ASSERT_EQ(dead.size(), 2u) << dead_letters();
    EXPECT_NE(dead[0].find("HTTP 400: partial write: unable to parse 'this is not line protocol'"), std::string::npos)
        << dead[0];
    EXPECT_EQ(dead[1], "this is not line protocol");
    EXPECT_EQ(count_points(influxd, "parsed"), 2u);
    EXPECT_EQ(metrics.dead_letter_points.load(), 1u);
}

class SenderInfluxdSmallBody : public SenderInfluxd {
protected:
    SenderInfluxdSmallBody() : SenderInfluxd({.max_body_size = 2000}) {}
};

TEST_F(SenderInfluxdSmallBody, TooLargeBatchesAreSplitUntilEveryPointIsWritten) {
    auto cfg = config();
    cfg.gzip = false;  // max-body-size limits the bytes on the wire, so 413 needs an uncompressed body
    auto sender = open(cfg);
    sender->start();
    auto batch = make_batch("split", 200, 1'000'000);  // 200 lines of ~40 bytes: about 8 KB
    const std::string huge_line = "split_huge text=\"" + std::string(3000, 'x') + "\" 5\n";
    batch.lines += huge_line;  // a single line still over the limit: dead-lettered with 413
    batch.points += 1;
    sender->submit(batch);
    deliver_all(*sender);
    EXPECT_EQ(count_points(influxd, "split"), 200u);
    EXPECT_EQ(metrics.points_out.load(), 200u);
    EXPECT_GE(metrics.splits.load(), 3u);  // 8 KB needs at least 4 pieces under 2000 bytes
    EXPECT_EQ(metrics.dead_letter_points.load(), 1u);
    const auto dead = lines_of(dead_letters());
    ASSERT_EQ(dead.size(), 2u);
    EXPECT_NE(dead[0].find("HTTP 413"), std::string::npos) << dead[0];
    EXPECT_EQ(dead[1] + "\n", huge_line);
}

TEST_F(SenderInfluxd, OutageWithSigkillLosesNothingAndDuplicatesNothing) {
    auto cfg = config();
    cfg.memory_batches = 4;
    auto sender = open(cfg);
    sender->start();
    constexpr int kBatches = 60;
    constexpr int kPoints = 20;
    for (int i = 0; i < kBatches; ++i) {
        if (i == 20) influxd.kill_hard();
        sender->submit(make_batch("outage", kPoints, i * 1000));
        std::this_thread::sleep_for(2ms);
    }
    ASSERT_TRUE(eventually([&] { return metrics.spooled_batches.load() > 0 && metrics.retries.load() > 0; }));
    influxd.restart();
    deliver_all(*sender, 60s);
    EXPECT_EQ(count_points(influxd, "outage"),
              std::uint64_t{kBatches * kPoints});  // distinct timestamps: no duplicates
    EXPECT_GE(metrics.points_out.load(), std::uint64_t{kBatches * kPoints});
    EXPECT_GT(metrics.replayed_batches.load(), 0u);
    EXPECT_EQ(metrics.spool_bytes.load(), 0u);
}

TEST_F(SenderInfluxd, SpoolOfASigkilledSenderProcessIsReplayedByTheNext) {
    constexpr int kBatches = 10;
    constexpr int kPoints = 10;
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child: a sender that cannot reach InfluxDB, killed once everything is spooled.
        // No gtest assertions here; _exit skips the parent's destructors (influxd, temp dir).
        ::close(ready[0]);
        WriterMetrics child_metrics;
        Logger child_logger{LogLevel::Error};
        auto cfg = config();
        cfg.url = "http://127.0.0.1:" + std::to_string(test::free_loopback_port());
        cfg.memory_batches = 2;
        auto sender = InfluxSender::open(cfg, child_metrics, child_logger);
        if (!sender) ::_exit(2);
        (*sender)->start();
        for (int i = 0; i < kBatches; ++i) (*sender)->submit(make_batch("crash", kPoints, i * 1000));
        if (!eventually([&] { return child_metrics.spooled_batches.load() == kBatches; })) ::_exit(3);
        const char byte = 'k';
        if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
        for (;;) ::pause();
    }
    ::close(ready[1]);
    char byte = 0;
    const bool child_ready = ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    ::kill(child, SIGKILL);  // no shutdown, no destructors: a crash
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(child_ready) << "child exited with status " << status;

    auto sender = open(config());
    sender->start();
    deliver_all(*sender);
    EXPECT_EQ(count_points(influxd, "crash"), std::uint64_t{kBatches * kPoints});
    EXPECT_EQ(metrics.replayed_batches.load(), std::uint64_t{kBatches});
    EXPECT_EQ(metrics.points_out.load(), std::uint64_t{kBatches * kPoints});
}

}  // namespace
}  // namespace trellis::host::influx
