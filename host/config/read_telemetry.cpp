#include <unistd.h>

#include <array>
#include <charconv>
#include <climits>

#include "config/config_sections.hpp"
#include "config/value_readers.hpp"

namespace trellis::host {

namespace {

// The machine's name: what a dashboard shows when the config does not name the host.
std::string machine_hostname() {
    std::array<char, HOST_NAME_MAX + 1> name{};
    if (gethostname(name.data(), name.size()) != 0 || name[0] == '\0') return "localhost";
    name.back() = '\0';
    return name.data();
}

// Why `endpoint` cannot be bound by an XPUB socket, or "" when it looks right.
// ZeroMQ would say little more than "Invalid argument" at bind time, and only
// after the run was prepared; checking here points at the key instead.
std::string endpoint_problem(std::string_view endpoint) {
    const std::size_t sep = endpoint.find("://");
    if (sep == std::string_view::npos)
        return "'" + std::string(endpoint) + "' has no transport (write e.g. \"tcp://127.0.0.1:5556\" or " +
               "\"ipc:///tmp/trellis.sock\")";
    const std::string_view transport = endpoint.substr(0, sep);
    const std::string_view address = endpoint.substr(sep + 3);
    if (transport == "ipc") return address.empty() ? "ipc:// needs a path (e.g. \"ipc:///tmp/trellis.sock\")" : "";
    if (transport != "tcp")
        return "transport '" + std::string(transport) +
               "' is not supported (use tcp://HOST:PORT, or ipc://PATH on the same machine)";
    const std::size_t colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return "'" + std::string(endpoint) + "' needs HOST:PORT (e.g. \"tcp://127.0.0.1:5556\", or \"tcp://*:5556\")";
    const std::string_view port = address.substr(colon + 1);
    if (port == "*") return "";  // an ephemeral port chosen by the system
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
        return "port '" + std::string(port) + "' is not a number in 1..65535";
    return "";
}

}  // namespace

void read_telemetry_section(TableReader& root, std::string_view named_host, TelemetryConfig& telemetry) {
    auto table = root.table("telemetry");
    if (!table) return;
    const bool enabled = table->boolean("enabled", Need::Optional).value_or(true);
    // The endpoint is required only when telemetry is on: `enabled = false`
    // switches a section off without deleting it.
    auto endpoint = table->string("endpoint", enabled ? Need::Required : Need::Optional);
    if (endpoint) {
        if (const std::string problem = endpoint_problem(*endpoint); !problem.empty())
            table->error("endpoint", problem);
        telemetry.endpoint = *endpoint;
        telemetry.endpoint_where = table->where("endpoint");
    }
    if (auto id = table->string("host_id", Need::Optional)) {
        if (id->empty())
            table->error("host_id", "is empty (name the host, e.g. host_id = \"mm-prod-1\", or leave the key out)");
        telemetry.host_id = std::move(*id);
    }
    if (telemetry.host_id.empty())
        telemetry.host_id = named_host.empty() ? machine_hostname() : std::string(named_host);
    if (auto d = read_duration(*table, "interval", DurationFloor::Positive)) telemetry.interval = *d;
    if (auto v = table->integer("queue_capacity", Need::Optional, 16, 1 << 24))
        telemetry.queue_capacity = std::uint64_t(*v);
    if (auto v = table->integer("sample_slots", Need::Optional, 2, 1024)) telemetry.sample_slots = std::uint32_t(*v);
    if (auto v = table->integer("wait_for_subscribers", Need::Optional, 0, 1000))
        telemetry.wait_for_subscribers = std::uint32_t(*v);
    if (auto d = read_duration(*table, "subscriber_timeout", DurationFloor::Positive))
        telemetry.subscriber_timeout = *d;
    if (auto d = read_duration(*table, "linger", DurationFloor::Zero)) telemetry.linger = *d;
    if (auto v = table->integer("max_samples_per_second", Need::Optional, 0, 1'000'000))
        telemetry.max_samples_per_second = std::uint32_t(*v);
    static constexpr std::string_view kWhenFull[] = {"drop", "wait"};
    if (auto choice = read_choice(*table, "when_full", kWhenFull))
        telemetry.when_full = *choice == 0 ? TelemetryConfig::WhenFull::Drop : TelemetryConfig::WhenFull::Wait;
    table->reject_unknown_keys();
    telemetry.enabled = enabled && !telemetry.endpoint.empty();
}

}  // namespace trellis::host
