#pragma once
// The system.* gauges (docs/metrics.md): the process's CPU use, resident set
// size, uptime and thread count, read from /proc. Reading /proc costs a few
// syscalls, so values are refreshed at most once per wall second and reused
// in between.

#include <chrono>
#include <cstdint>
#include <string_view>

namespace trellis::host::telemetry {

struct SystemStats {
    double cpu_percent = 0.0;  // % of one core over the last refresh interval (since process start the first time)
    double rss_bytes = 0.0;
    double uptime_seconds = 0.0;  // wall seconds since the process started
    double threads = 0.0;
};

// Raw readings (parsers exposed for tests).
struct ProcSelfStat {
    std::uint64_t cpu_ticks = 0;    // utime + stime, in clock ticks
    std::uint64_t start_ticks = 0;  // process start, clock ticks after boot
};
bool parse_proc_self_stat(std::string_view text, ProcSelfStat& out) noexcept;
struct ProcSelfStatus {
    std::uint64_t rss_kib = 0;
    std::uint64_t threads = 0;
};
bool parse_proc_self_status(std::string_view text, ProcSelfStatus& out) noexcept;

class SystemStatsReader {
public:
    SystemStatsReader();
    // The current values, refreshed when the last refresh is at least a second old.
    const SystemStats& current();

private:
    void refresh();

    SystemStats stats_;
    std::chrono::steady_clock::time_point refreshed_{};
    bool have_ = false;
    std::uint64_t last_cpu_ticks_ = 0;
    double ticks_per_second_ = 100.0;
};

}  // namespace trellis::host::telemetry
