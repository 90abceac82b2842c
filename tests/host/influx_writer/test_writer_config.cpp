// trellis-influx's config: defaults, the shipped example, and every class of
// error with its exact FILE:LINE:COL, key path and fix.
#include <gtest/gtest.h>

#include "influx_writer/writer_config.hpp"

namespace trellis::host::influx_writer {
namespace {

using namespace std::chrono_literals;

const std::string kSource = TRELLIS_SOURCE_DIR;
const std::string kInlineFile = kSource + "/inline.toml";
const WriterEnvironment kEnvironment{std::nullopt, "testhost"};

constexpr std::string_view kOneHost =
    "[[hosts]]\n"                             // 1
    "endpoint = \"tcp://127.0.0.1:5556\"\n";  // 2

Result<WriterConfig> parse(std::string_view text, const WriterEnvironment& environment = kEnvironment) {
    return parse_writer_config(text, kInlineFile, environment);
}

std::string errors_of(std::string_view text) {
    const auto result = parse(text);
    EXPECT_FALSE(result.has_value()) << "config unexpectedly loaded:\n" << text;
    return result ? std::string{} : result.error().message;
}

std::string at(int line, int column) {
    return kInlineFile + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

TEST(WriterConfig, DefaultsWithOnlyAHost) {
    const auto config = parse(kOneHost);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->writer_id, "testhost");
    EXPECT_EQ(config->host_endpoints, std::vector<std::string>{"tcp://127.0.0.1:5556"});
    EXPECT_EQ(config->sender.url, "http://127.0.0.1:8086");
    EXPECT_EQ(config->sender.database, "trellis");
    EXPECT_EQ(config->sender.password, "");
    EXPECT_EQ(config->sender.timeout, 10s);
    EXPECT_FALSE(config->sender.gzip);  // "auto" and InfluxDB on loopback
    EXPECT_EQ(config->sender.gzip_level, 1);
    EXPECT_TRUE(config->create_database);
    EXPECT_EQ(config->batch.max_points, 5000u);
    EXPECT_EQ(config->batch.max_delay, 1s);
    EXPECT_EQ(config->sender.initial_backoff, 200ms);
    EXPECT_EQ(config->sender.max_backoff, 30s);
    EXPECT_EQ(config->sender.spool_dir, "/var/lib/trellis-influx/spool");
    EXPECT_EQ(config->sender.spool_max_bytes, 1ull << 30);
    EXPECT_EQ(config->sender.dead_letter_path, "/var/lib/trellis-influx/dead_letter.lp");
    EXPECT_EQ(config->self_metrics_interval, 1s);
    EXPECT_EQ(config->shutdown_timeout, 30s);
}

TEST(WriterConfig, ShippedExampleLoads) {
    const auto config = load_writer_config(kSource + "/config/influx/trellis-influx.toml", kEnvironment);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->writer_id, "influx-writer-1");
    EXPECT_EQ(config->host_endpoints.size(), 1u);
    EXPECT_EQ(config->sender.spool_max_bytes, 1ull << 30);
}

TEST(WriterConfig, EveryKeySetAndRelativePathsResolveAgainstTheConfigDirectory) {
    const auto config = parse(std::string(kOneHost) +
                              "[[hosts]]\n"
                              "endpoint = \"ipc:///tmp/host2.sock\"\n"
                              "[influx]\n"
                              "url = \"https://influx.example:8086\"\n"
                              "database = \"prod\"\n"
                              "retention_policy = \"week\"\n"
                              "username = \"writer\"\n"
                              "password = \"secret\"\n"
                              "timeout = \"1500us\"\n"
                              "gzip = false\n"
                              "gzip_level = 9\n"
                              "create_database = false\n"
                              "[batch]\n"
                              "max_points = 10\n"
                              "max_delay = \"250ms\"\n"
                              "[retry]\n"
                              "initial_backoff = \"1s\"\n"
                              "max_backoff = \"1m\"\n"
                              "[spool]\n"
                              "dir = \"spool\"\n"
                              "max_bytes = \"64MiB\"\n"
                              "[dead_letter]\n"
                              "path = \"sub/dead.lp\"\n"
                              "[self_metrics]\n"
                              "interval = \"10s\"\n"
                              "[shutdown]\n"
                              "timeout = \"0s\"\n");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->host_endpoints.size(), 2u);
    EXPECT_EQ(config->sender.url, "https://influx.example:8086");
    EXPECT_EQ(config->sender.database, "prod");
    EXPECT_EQ(config->sender.retention_policy, "week");
    EXPECT_EQ(config->sender.username, "writer");
    EXPECT_EQ(config->sender.password, "secret");
    EXPECT_EQ(config->sender.timeout, 2ms);  // rounded up to whole milliseconds, never to 0
    EXPECT_FALSE(config->sender.gzip);
    EXPECT_EQ(config->sender.gzip_level, 9);
    EXPECT_FALSE(config->create_database);
    EXPECT_EQ(config->batch.max_points, 10u);
    EXPECT_EQ(config->batch.max_delay, 250ms);
    EXPECT_EQ(config->sender.initial_backoff, 1s);
    EXPECT_EQ(config->sender.max_backoff, 60s);
    EXPECT_EQ(config->sender.spool_dir, kSource + "/spool");
    EXPECT_EQ(config->sender.spool_max_bytes, 64ull << 20);
    EXPECT_EQ(config->sender.dead_letter_path, kSource + "/sub/dead.lp");
    EXPECT_EQ(config->self_metrics_interval, 10s);
    EXPECT_EQ(config->shutdown_timeout, 0s);
}

TEST(WriterConfig, PasswordFromTheEnvironmentUnlessTheFileSetsOne) {
    const WriterEnvironment with_password{"from-env", "testhost"};
    EXPECT_EQ(parse(kOneHost, with_password)->sender.password, "from-env");
    EXPECT_EQ(parse(std::string(kOneHost) + "[influx]\npassword = \"from-file\"\n", with_password)->sender.password,
              "from-file");
}

TEST(WriterConfig, MissingHosts) {
    EXPECT_EQ(errors_of("writer_id = \"w\"\n"),
              at(1, 1) + "hosts: at least one [[hosts]] table is required (add a [[hosts]] section)");
}

TEST(WriterConfig, UnknownKeysWithSuggestions) {
    EXPECT_EQ(errors_of(std::string(kOneHost) + "[batch]\n"            // 3
                                                "max_point = 10\n"     // 4
                                                "[influx]\n"           // 5
                                                "databse = \"x\"\n"),  // 6
              at(4, 1) + "batch.max_point: unknown key (did you mean 'max_points'?)\n" + at(6, 1) +
                  "influx.databse: unknown key (did you mean 'database'?)");
    EXPECT_EQ(errors_of(std::string(kOneHost) + "endpont = \"tcp://x:1\"\n"),
              at(3, 1) + "hosts[0].endpont: unknown key (did you mean 'endpoint'?)");
}

TEST(WriterConfig, WrongTypes) {
    EXPECT_EQ(errors_of(std::string(kOneHost) + "[influx]\n"             // 3
                                                "gzip = \"yes\"\n"       // 4
                                                "[batch]\n"              // 5
                                                "max_points = \"10\"\n"  // 6
                                                "[spool]\n"              // 7
                                                "max_bytes = 1024\n"),   // 8
              at(4, 8) + "influx.gzip: is 'yes'; write true, false or \"auto\" (compress unless InfluxDB is local)\n" +
                  at(6, 14) +
                  "batch.max_points: expected an integer, got a string (write a whole number without quotes)\n" +
                  at(8, 13) +
                  "spool.max_bytes: expected a size, got an integer (write a string with a unit, e.g. \"1GiB\" or "
                  "\"512MiB\")");
}

TEST(WriterConfig, BadValues) {
    EXPECT_EQ(
        errors_of("[[hosts]]\n"                             // 1
                  "endpoint = \"127.0.0.1:5556\"\n"         // 2
                  "[[hosts]]\n"                             // 3
                  "endpoint = \"tcp://127.0.0.1:99999\"\n"  // 4
                  "[influx]\n"                              // 5
                  "url = \"127.0.0.1:8086\"\n"              // 6
                  "gzip_level = 0\n"                        // 7
                  "timeout = \"ten\"\n"                     // 8
                  "[batch]\n"                               // 9
                  "max_delay = \"0s\"\n"                    // 10
                  "[spool]\n"                               // 11
                  "max_bytes = \"1GB\"\n"),                 // 12
        at(2, 12) +
            "hosts[0].endpoint: '127.0.0.1:5556' is not a ZeroMQ endpoint this writer can connect to (write "
            "\"tcp://HOST:PORT\" or \"ipc:///path/to/socket\")\n" +
            at(4, 12) +
            "hosts[1].endpoint: 'tcp://127.0.0.1:99999' has no valid port 1..65535 (write \"tcp://HOST:PORT\" "
            "or \"ipc:///path/to/socket\")\n" +
            at(6, 7) +
            "influx.url: '127.0.0.1:8086' is not an http(s) URL (write e.g. \"http://127.0.0.1:8086\", no "
            "path)\n" +
            at(7, 14) + "influx.gzip_level: 0 is out of range (must be between 1 and 9)\n" + at(8, 11) +
            "influx.timeout: bad duration: 'ten' does not start with a number (write e.g. \"250us\" or \"1.5ms\")\n" +
            at(10, 13) + "batch.max_delay: '0s' is out of range (must be > 0)\n" + at(12, 13) +
            "spool.max_bytes: '1GB' has an unknown unit 'GB' (write a whole number with a unit: B, KiB, MiB or "
            "GiB, e.g. \"1GiB\")");
}

TEST(WriterConfig, DuplicateEndpointAndBackoffOrder) {
    EXPECT_EQ(errors_of(std::string(kOneHost) + "[[hosts]]\n"                            // 3
                                                "endpoint = \"tcp://127.0.0.1:5556\"\n"  // 4
                                                "[retry]\n"                              // 5
                                                "initial_backoff = \"5s\"\n"             // 6
                                                "max_backoff = \"1s\"\n"),               // 7
              at(4, 12) +
                  "hosts[1].endpoint: 'tcp://127.0.0.1:5556' is listed twice (remove the duplicate [[hosts]] entry)\n" +
                  at(7, 15) +
                  "retry.max_backoff: max_backoff (1000ms) is below initial_backoff (5000ms) (raise max_backoff or "
                  "lower initial_backoff)");
}

TEST(WriterConfig, WriterIdMustBeATagValue) {
    EXPECT_EQ(errors_of("writer_id = \"a\\nb\"\n" + std::string(kOneHost)),
              at(1, 13) +
                  "writer_id: 'a\nb' cannot be a tag value: telemetry point 'trellis_influx': value of tag 'writer' "
                  "contains a newline, which InfluxDB 1.x line protocol cannot represent; remove or replace it "
                  "(choose a plain name, e.g. \"influx-writer-1\")");
}

TEST(WriterConfig, SyntaxError) {
    EXPECT_EQ(errors_of("[[hosts]\n").substr(0, at(1, 9).size() + 13), at(1, 9) + "syntax error:");
}

TEST(WriterConfig, MissingFile) {
    const auto config = load_writer_config("/nonexistent/trellis-influx.toml", kEnvironment);
    ASSERT_FALSE(config);
    EXPECT_TRUE(config.error().message.starts_with("/nonexistent/trellis-influx.toml: config file not found"))
        << config.error().message;
}

}  // namespace
}  // namespace trellis::host::influx_writer

namespace trellis::host::influx_writer {
namespace {
TEST(WriterConfig, GzipAutoCompressesOnlyWhenInfluxIsRemote) {
    const auto gzip_for = [](const std::string& influx) {
        const auto config = parse(std::string(kOneHost) + "[influx]\n" + influx);
        EXPECT_TRUE(config) << config.error().message;
        return config && config->sender.gzip;
    };
    EXPECT_FALSE(gzip_for("url = \"http://localhost:8086\"\n"));
    EXPECT_FALSE(gzip_for("url = \"http://127.0.0.2:8086\"\n"));
    EXPECT_FALSE(gzip_for("url = \"http://[::1]:8086\"\n"));
    EXPECT_TRUE(gzip_for("url = \"https://influx.example.com\"\n"));
    EXPECT_TRUE(gzip_for("url = \"http://10.0.0.7:8086\"\ngzip = \"auto\"\n"));
    EXPECT_TRUE(gzip_for("url = \"http://127.0.0.1:8086\"\ngzip = true\n"));
    EXPECT_FALSE(gzip_for("url = \"http://10.0.0.7:8086\"\ngzip = false\n"));
    const std::string errors = errors_of(std::string(kOneHost) + "[influx]\ngzip = \"fast\"\n");
    EXPECT_NE(errors.find("influx.gzip: is 'fast'; write true, false or \"auto\""), std::string::npos) << errors;
}
}  // namespace
}  // namespace trellis::host::influx_writer
