#include "util/time_text.hpp"

#include <array>
#include <cstdio>
#include <numeric>
#include <optional>

#include "util/decimal.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

// int64 nanoseconds since the epoch reach from 1677-09-21 to 2262-04-11.
constexpr int kFirstYear = 1678;
constexpr int kLastYear = 2261;

constexpr std::string_view kDateHint = " (write the date as YYYY-MM-DD, e.g. 2012-06-21)";
constexpr std::string_view kTimestampHint = " (write e.g. 2012-06-21T09:30:00Z)";

// Reads exactly `width` digits at `pos`.
std::optional<unsigned> digits(std::string_view text, std::size_t pos, std::size_t width) noexcept {
    if (pos + width > text.size()) return std::nullopt;
    unsigned value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + unsigned(text[i] - '0');
    }
    return value;
}

// "YYYY-MM-DD" at the start of `text`, shape only (the calendar is checked later).
std::optional<CivilTime> date_prefix(std::string_view text) noexcept {
    const auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
    CivilTime t;
    t.year = int(*y);
    t.month = *m;
    t.day = *d;
    return t;
}

// RFC 3339 time-offset: "Z" / "z" / ("+" / "-") HH ":" MM, as minutes east of UTC.
std::optional<int> offset_minutes(std::string_view zone) noexcept {
    if (zone == "Z" || zone == "z") return 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
    const auto h = digits(zone, 1, 2), m = digits(zone, 4, 2);
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    const int minutes = int(*h * 60 + *m);
    return zone[0] == '-' ? -minutes : minutes;
}

struct DurationUnit {
    std::string_view suffix;
    std::int64_t nanoseconds;
};

// The number/unit split is at the first character that cannot be part of a
// number, so the whole remainder must equal a suffix: no longest-match needed.
constexpr std::array<DurationUnit, 7> kDurationUnits{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // "µs"
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

constexpr std::string_view kUnitList = "ns, us, ms, s, m or h";

bool is_number_char(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'; }

}  // namespace

Result<std::chrono::sys_days> civil_day(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!ymd.ok()) return fail("is not a valid calendar date");
    if (year < kFirstYear || year > kLastYear) return fail("is outside the years 1678..2261");
    return std::chrono::sys_days{ymd};
}

Result<Timestamp> utc_ns(const CivilTime& time) {
    const auto day = civil_day(time.year, time.month, time.day);
    if (!day) return std::unexpected(day.error());
    if (time.hour > 23 || time.minute > 59 || time.second > 60 || time.nanosecond >= kNanosPerSecond)
        return fail("is not a valid time of day");
    // No overflow: the years are limited so that even ±23:59 offsets stay in range.
    const std::int64_t seconds = std::int64_t(time.hour) * 3600 + std::int64_t(time.minute) * 60 +
                                 std::int64_t(time.second) - std::int64_t(time.offset_minutes) * 60;
    return midnight_utc_ns(*day) + seconds * kNanosPerSecond + Timestamp(time.nanosecond);
}

Result<std::chrono::sys_days> parse_date(std::string_view text) {
    const auto date = text.size() == 10 ? date_prefix(text) : std::nullopt;
    if (!date) return fail(quoted(text) + " is not a date" + std::string(kDateHint));
    auto day = civil_day(date->year, date->month, date->day);
    if (!day) return fail(quoted(text) + " " + day.error().message + std::string(kDateHint));
    return day;
}

Result<Timestamp> parse_timestamp(std::string_view text) {
    const auto not_rfc3339 = [text] {
        return fail(quoted(text) + " is not an RFC 3339 date-time" + std::string(kTimestampHint));
    };
    // RFC 3339 §5.6: full-date ("T" / "t" / " ") HH ":" MM ":" SS [ "." 1*DIGIT ] time-offset.
    auto time = text.size() >= 19 ? date_prefix(text) : std::nullopt;
    if (!time || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return not_rfc3339();
    const auto h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
    if (!h || !m || !s || text[13] != ':' || text[16] != ':') return not_rfc3339();
    time->hour = *h;
    time->minute = *m;
    time->second = *s;

    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        const std::size_t first_digit = ++pos;
        std::uint32_t scale = 100'000'000;  // of the first digit: 0.1 s in ns
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) {
            if (scale == 0 && text[pos] != '0')
                return fail(quoted(text) + " is finer than a nanosecond (at most 9 decimals in the seconds)");
            time->nanosecond += std::uint32_t(text[pos] - '0') * scale;
        }
        if (pos == first_digit) return not_rfc3339();
    }
    if (pos == text.size())
        return fail(quoted(text) + " has no UTC offset (append Z for UTC, e.g. 2012-06-21T09:30:00Z)");
    const auto offset = offset_minutes(text.substr(pos));
    if (!offset) return not_rfc3339();
    time->offset_minutes = *offset;

    auto ts = utc_ns(*time);
    if (!ts) return fail(quoted(text) + " " + ts.error().message + std::string(kTimestampHint));
    return ts;
}

Result<Duration> parse_duration(std::string_view text) {
    const std::string_view s = trim_blanks(text);
    std::size_t split = 0;
    while (split < s.size() && is_number_char(s[split])) ++split;
    const std::string_view number = s.substr(0, split);
    const std::string_view unit = trim_blanks(s.substr(split));
    if (number.empty()) return fail(quoted(text) + " does not start with a number (write e.g. \"250us\" or \"1.5ms\")");
    if (unit.empty())
        return fail(quoted(text) + " has no unit (append one of " + std::string(kUnitList) + ", e.g. \"" +
                    std::string(number) + "ms\")");
    const DurationUnit* found = nullptr;
    for (const auto& u : kDurationUnits)
        if (u.suffix == unit) found = &u;
    if (found == nullptr)
        return fail(quoted(text) + " has an unknown unit '" + std::string(unit) + "' (use " + std::string(kUnitList) +
                    ")");

    // Exact arithmetic in int64: whole units plus a fraction in 1e-9 units; the
    // fraction times the unit must come out as a whole number of nanoseconds.
    constexpr std::int64_t kFractionScale = 1'000'000'000;
    const std::size_t dot = number.find('.');
    const auto whole = parse_integer(number.substr(0, dot));
    const std::string_view fraction_digits = dot == std::string_view::npos ? "0" : number.substr(dot + 1);
    const auto fraction =
        fraction_digits.empty() ? parse_decimal("", 0) : parse_decimal("0." + std::string(fraction_digits), 9);
    if (!whole || !fraction || fraction_digits.starts_with('-') || fraction_digits.starts_with('+'))
        return fail(quoted(text) + ": the number " +
                    describe(!whole      ? whole.error()
                             : !fraction ? fraction.error()
                                         : DecimalError::BadCharacter) +
                    " (write e.g. \"250us\" or \"1.5ms\"; at most 9 decimals)");
    const std::int64_t signed_fraction = number.starts_with('-') ? -*fraction : *fraction;
    const std::int64_t common = std::gcd(found->nanoseconds, kFractionScale);
    const std::int64_t fraction_numerator = signed_fraction * (found->nanoseconds / common);  // |.| < 1e9 * 3600
    if (fraction_numerator % (kFractionScale / common) != 0)
        return fail(quoted(text) + " is not a whole number of nanoseconds (use a smaller unit)");
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(*whole, found->nanoseconds, &ns) ||
        __builtin_add_overflow(ns, fraction_numerator / (kFractionScale / common), &ns))
        return fail(quoted(text) + " is too large for a duration (the limit is about 292 years)");
    return ns;
}

std::string format_date(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return text;
}

std::string format_utc_ns(Timestamp ts) {
    // Floor division, so times before the epoch land on the right day.
    Timestamp days = ts / kNanosPerDay;
    Timestamp in_day = ts % kNanosPerDay;
    if (in_day < 0) {
        in_day += kNanosPerDay;
        --days;
    }
    const Timestamp secs = in_day / kNanosPerSecond;
    char time_of_day[40];
    std::snprintf(time_of_day, sizeof time_of_day, " %02lld:%02lld:%02lld.%09lld UTC",
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(in_day % kNanosPerSecond));
    return format_date(std::chrono::sys_days(std::chrono::days(days))) + time_of_day;
}

}  // namespace trellis::host
