#pragma once
// What the telemetry publisher did during a run: shown in the `trellis
// backtest` summary and its --json output.

#include <cstdint>
#include <map>
#include <string>

namespace trellis::host {

struct TelemetryReport {
    bool enabled = false;
    std::string endpoint;  // as bound (a "*" port resolved)
    std::string host_id;
    std::uint64_t session = 0;
    std::map<std::string, std::uint64_t, std::less<>> published_points;  // by measurement
    std::uint64_t total_points = 0;
    std::uint64_t messages = 0;
    std::uint64_t samples = 0;               // metric samples published
    std::uint64_t dropped_events = 0;        // event queue full
    std::uint64_t dropped_samples = 0;       // no free sample slot
    std::uint64_t unencodable_points = 0;    // refused by the wire format (a text too long); 0 in practice
    std::uint64_t unsent_messages = 0;       // refused by ZeroMQ
    std::uint64_t nudged_timestamps = 0;     // points moved later to keep timestamps strictly increasing
    std::uint32_t subscribers_at_start = 0;  // subscriptions seen before the run started
    std::uint32_t subscribers_wanted = 0;    // telemetry.wait_for_subscribers
};

}  // namespace trellis::host
