#include "marketdata/market_time.hpp"

#include <chrono>
#include <cstdio>

namespace trellis::host {

namespace {

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) noexcept {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<Timestamp> date_at(std::string_view text) noexcept {
    const auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d || text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(unsigned(*m)),
                                           std::chrono::day(unsigned(*d))};
    if (!date.ok()) return std::nullopt;
    return Timestamp(std::chrono::sys_days(date).time_since_epoch().count()) * kNanosPerDay;
}

}  // namespace

std::optional<Timestamp> parse_utc_date_ns(std::string_view text) noexcept {
    if (text.size() != 10) return std::nullopt;
    return date_at(text);
}

std::optional<Timestamp> parse_utc_time_ns(std::string_view text) noexcept {
    const auto midnight = date_at(text);
    if (!midnight || text.size() < 20 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
    if (!h || !mi || !s || text[13] != ':' || text[16] != ':' || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    Timestamp ts = *midnight + ((*h * 60 + *mi) * 60 + *s) * kNanosPerSecond;

    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        Timestamp fraction = 0;
        int count = 0;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++count) {
            if (count == 9) return std::nullopt;  // finer than a nanosecond
            fraction = fraction * 10 + (text[pos] - '0');
        }
        if (count == 0) return std::nullopt;
        for (; count < 9; ++count) fraction *= 10;
        ts += fraction;
    }
    const std::string_view zone = text.substr(pos);
    if (zone != "Z" && zone != "+00:00") return std::nullopt;
    return ts;
}

Duration us_eastern_offset_ns(Timestamp utc_midnight) noexcept {
    using namespace std::chrono;
    const sys_days day{days(utc_midnight / kNanosPerDay)};
    const year y = year_month_day(day).year();
    sys_days dst_start, dst_end;
    if (y >= year(2007)) {
        dst_start = sys_days(y / March / Sunday[2]);
        dst_end = sys_days(y / November / Sunday[1]);
    } else {
        dst_start = sys_days(y / April / Sunday[1]);
        dst_end = sys_days(y / October / Sunday[last]);
    }
    const Duration hours = (day >= dst_start && day < dst_end) ? 4 : 5;
    return hours * 3600 * kNanosPerSecond;
}

std::string format_utc_ns(Timestamp ts) {
    Timestamp days = ts / kNanosPerDay;
    Timestamp in_day = ts % kNanosPerDay;
    if (in_day < 0) {
        in_day += kNanosPerDay;
        --days;
    }
    const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days))};
    const Timestamp secs = in_day / kNanosPerSecond;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld.%09lld UTC", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                  static_cast<long long>(in_day % kNanosPerSecond));
    return buf;
}

}  // namespace trellis::host
