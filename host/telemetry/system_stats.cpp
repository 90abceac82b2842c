#include "telemetry/system_stats.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <string>

namespace trellis::host::telemetry {

namespace {

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool parse_u64(std::string_view s, std::uint64_t& out) noexcept {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end != s.data();
}

// The value after "Key:" on its line of /proc/self/status.
bool status_value(std::string_view text, std::string_view key, std::uint64_t& out) noexcept {
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t eol = text.find('\n', at);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(at, eol - at);
        if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
            line.remove_prefix(key.size() + 1);
            while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
            return parse_u64(line, out);
        }
        at = eol + 1;
    }
    return false;
}

}  // namespace

bool parse_proc_self_stat(std::string_view text, ProcSelfStat& out) noexcept {
    // The command name (field 2) is in parentheses and may hold spaces and
    // parentheses itself: count fields from the last ')'.
    const std::size_t close = text.rfind(')');
    if (close == std::string_view::npos) return false;
    std::string_view rest = text.substr(close + 1);
    // Fields after ')' start at field 3 (state); utime = 14, stime = 15, starttime = 22.
    std::uint64_t utime = 0, stime = 0, start = 0;
    int field = 2;
    std::size_t at = 0;
    while (at < rest.size()) {
        while (at < rest.size() && rest[at] == ' ') ++at;
        std::size_t end = rest.find(' ', at);
        if (end == std::string_view::npos) end = rest.size();
        if (at == end) break;
        ++field;
        const std::string_view token = rest.substr(at, end - at);
        if (field == 14 && !parse_u64(token, utime)) return false;
        if (field == 15 && !parse_u64(token, stime)) return false;
        if (field == 22) {
            if (!parse_u64(token, start)) return false;
            out = {utime + stime, start};
            return true;
        }
        at = end;
    }
    return false;
}

bool parse_proc_self_status(std::string_view text, ProcSelfStatus& out) noexcept {
    ProcSelfStatus s;
    if (!status_value(text, "VmRSS", s.rss_kib) || !status_value(text, "Threads", s.threads)) return false;
    out = s;
    return true;
}

SystemStatsReader::SystemStatsReader() {
    const long ticks = sysconf(_SC_CLK_TCK);
    if (ticks > 0) ticks_per_second_ = double(ticks);
}

const SystemStats& SystemStatsReader::current() {
    const auto now = std::chrono::steady_clock::now();
    if (!have_ || now - refreshed_ >= std::chrono::seconds(1)) refresh();
    return stats_;
}

void SystemStatsReader::refresh() {
    const auto now = std::chrono::steady_clock::now();
    ProcSelfStat stat;
    std::uint64_t boot_uptime_centis = 0;
    const std::string uptime_text = read_file("/proc/uptime");  // "12345.67 ..." seconds since boot
    {
        const std::size_t dot = uptime_text.find('.');
        std::uint64_t whole = 0, frac = 0;
        if (dot != std::string::npos && parse_u64(std::string_view(uptime_text).substr(0, dot), whole)) {
            parse_u64(std::string_view(uptime_text).substr(dot + 1, 2), frac);
            boot_uptime_centis = whole * 100 + frac;
        }
    }
    if (parse_proc_self_stat(read_file("/proc/self/stat"), stat)) {
        const double since_boot = double(boot_uptime_centis) / 100.0;
        stats_.uptime_seconds = std::max(0.0, since_boot - double(stat.start_ticks) / ticks_per_second_);
        const double cpu_s = double(stat.cpu_ticks - (have_ ? last_cpu_ticks_ : 0)) / ticks_per_second_;
        const double wall_s = have_ ? std::chrono::duration<double>(now - refreshed_).count() : stats_.uptime_seconds;
        stats_.cpu_percent = wall_s > 0 ? 100.0 * cpu_s / wall_s : 0.0;
        last_cpu_ticks_ = stat.cpu_ticks;
    }
    ProcSelfStatus status;
    if (parse_proc_self_status(read_file("/proc/self/status"), status)) {
        stats_.rss_bytes = double(status.rss_kib) * 1024.0;
        stats_.threads = double(status.threads);
    }
    refreshed_ = now;
    have_ = true;
}

}  // namespace trellis::host::telemetry
