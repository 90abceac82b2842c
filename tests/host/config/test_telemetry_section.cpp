// [telemetry]: the publisher's endpoint, identity, sampling and queue sizes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <climits>

#include "config_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {
std::string hostname() {
    std::array<char, HOST_NAME_MAX + 1> name{};
    gethostname(name.data(), name.size());
    return name.data();
}
}  // namespace

TEST(TelemetrySection, AbsentMeansOff) {
    const auto config = parse_inline(kValidHead);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_FALSE(config->telemetry.enabled);
}

TEST(TelemetrySection, DefaultsWithOnlyAnEndpoint) {
    const auto config = parse_inline(std::string(kValidHead) +
                                     "[telemetry]\n"
                                     "endpoint = \"tcp://127.0.0.1:5556\"\n");
    ASSERT_TRUE(config) << config.error().message;
    const TelemetryConfig& t = config->telemetry;
    EXPECT_TRUE(t.enabled);
    EXPECT_EQ(t.endpoint, "tcp://127.0.0.1:5556");
    EXPECT_EQ(t.host_id, hostname());
    EXPECT_EQ(t.interval, 1'000'000'000);
    EXPECT_EQ(t.queue_capacity, 65536u);
    EXPECT_EQ(t.sample_slots, 64u);
    EXPECT_EQ(t.wait_for_subscribers, 0u);
    EXPECT_EQ(t.subscriber_timeout, 5'000'000'000);
    EXPECT_EQ(t.linger, 5'000'000'000);
    EXPECT_EQ(t.when_full, TelemetryConfig::WhenFull::Drop);
    EXPECT_EQ(t.endpoint_where.line, 11u);
}

TEST(TelemetrySection, HostIdDefaultsToTheNamedHost) {
    const auto config = parse_inline(std::string(kValidHead) +
                                     "[host]\n"
                                     "id = \"demo\"\n"
                                     "[telemetry]\n"
                                     "endpoint = \"tcp://127.0.0.1:5556\"\n");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->telemetry.host_id, "demo");
}

TEST(TelemetrySection, EveryKeyIsRead) {
    const auto config = parse_inline(std::string(kValidHead) +
                                     "[telemetry]\n"
                                     "endpoint = \"ipc:///tmp/trellis-test.sock\"\n"
                                     "host_id = \"mm-1\"\n"
                                     "interval = \"250ms\"\n"
                                     "queue_capacity = 1024\n"
                                     "sample_slots = 8\n"
                                     "wait_for_subscribers = 2\n"
                                     "subscriber_timeout = \"10s\"\n"
                                     "linger = 0\n"
                                     "when_full = \"wait\"\n");
    ASSERT_TRUE(config) << config.error().message;
    const TelemetryConfig& t = config->telemetry;
    EXPECT_EQ(t.when_full, TelemetryConfig::WhenFull::Wait);
    EXPECT_TRUE(t.enabled);
    EXPECT_EQ(t.endpoint, "ipc:///tmp/trellis-test.sock");
    EXPECT_EQ(t.host_id, "mm-1");
    EXPECT_EQ(t.interval, 250'000'000);
    EXPECT_EQ(t.queue_capacity, 1024u);
    EXPECT_EQ(t.sample_slots, 8u);
    EXPECT_EQ(t.wait_for_subscribers, 2u);
    EXPECT_EQ(t.subscriber_timeout, 10'000'000'000);
    EXPECT_EQ(t.linger, 0);
}

TEST(TelemetrySection, DisabledSectionNeedsNoEndpoint) {
    const auto config = parse_inline(std::string(kValidHead) +
                                     "[telemetry]\n"
                                     "enabled = false\n"
                                     "interval = \"2s\"\n");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_FALSE(config->telemetry.enabled);
}

TEST(TelemetrySection, SetOverridesSwitchItOn) {
    const auto config = parse_inline(kValidHead, {"telemetry.endpoint=tcp://127.0.0.1:7000", "telemetry.interval=100ms",
                                                  "telemetry.wait_for_subscribers=1"});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_TRUE(config->telemetry.enabled);
    EXPECT_EQ(config->telemetry.endpoint, "tcp://127.0.0.1:7000");
    EXPECT_EQ(config->telemetry.interval, 100'000'000);
    EXPECT_EQ(config->telemetry.wait_for_subscribers, 1u);
}

TEST(TelemetrySection, MissingEndpointIsLocated) {
    const std::string errors = errors_of(std::string(kValidHead) +
                                         "[telemetry]\n"  // 10
                                         "interval = \"1s\"\n");
    EXPECT_NE(errors.find(at(10, 1) + "telemetry.endpoint"), std::string::npos) << errors;
}

TEST(TelemetrySection, BadValuesAreLocatedWithAFix) {
    const std::string errors = errors_of(std::string(kValidHead) +
                                         "[telemetry]\n"                          // 10
                                         "endpoint = \"udp://127.0.0.1:5556\"\n"  // 11
                                         "interval = \"0s\"\n"                    // 12
                                         "queue_capacity = 4\n"                   // 13
                                         "sample_slots = \"many\"\n"              // 14
                                         "host_id = \"\"\n"                       // 15
                                         "lingr = \"1s\"\n"                       // 16
                                         "when_full = \"block\"\n");              // 17
    EXPECT_NE(errors.find(at(11, 12) + "telemetry.endpoint: transport 'udp' is not supported"), std::string::npos)
        << errors;
    EXPECT_NE(errors.find(at(12, 12) + "telemetry.interval"), std::string::npos) << errors;
    EXPECT_NE(errors.find(at(13, 18) + "telemetry.queue_capacity"), std::string::npos) << errors;
    EXPECT_NE(errors.find(at(14, 16) + "telemetry.sample_slots"), std::string::npos) << errors;
    EXPECT_NE(errors.find(at(15, 11) + "telemetry.host_id: is empty"), std::string::npos) << errors;
    EXPECT_NE(errors.find(at(16, 1) + "telemetry.lingr: unknown key"), std::string::npos) << errors;
    EXPECT_NE(errors.find("did you mean 'linger'"), std::string::npos) << errors;
    EXPECT_NE(errors.find(at(17, 13) + "telemetry.when_full"), std::string::npos) << errors;
}

TEST(TelemetrySection, EndpointShapeIsChecked) {
    for (const auto& [endpoint, problem] : std::vector<std::pair<std::string, std::string>>{
             {"127.0.0.1:5556", "has no transport"},
             {"tcp://127.0.0.1", "needs HOST:PORT"},
             {"tcp://127.0.0.1:70000", "port '70000' is not a number in 1..65535"},
             {"tcp://127.0.0.1:http", "port 'http' is not a number"}}) {
        const std::string errors =
            errors_of(std::string(kValidHead) + "[telemetry]\nendpoint = \"" + endpoint + "\"\n");
        EXPECT_NE(errors.find(problem), std::string::npos) << endpoint << ": " << errors;
    }
    const auto any_port = parse_inline(std::string(kValidHead) + "[telemetry]\nendpoint = \"tcp://127.0.0.1:*\"\n");
    EXPECT_TRUE(any_port) << any_port.error().message;
}
