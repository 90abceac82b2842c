#include "config/time_text.hpp"

#include <array>
#include <numeric>
#include <string>

#include "config/text_helpers.hpp"
#include "config/toml_values.hpp"
#include "util/decimal.hpp"

namespace trellis::host {

namespace {

struct DurationUnit {
    std::string_view suffix;
    std::int64_t nanoseconds;
};

// Longest suffixes first is not needed: the number/unit split is at the first
// letter, so the whole remainder must equal a suffix.
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

Result<Duration> parse_duration(std::string_view text) {
    const std::string_view s = trim(text);
    std::size_t split = 0;
    while (split < s.size() && is_number_char(s[split])) ++split;
    const std::string_view number = s.substr(0, split);
    const std::string_view unit = trim(s.substr(split));
    if (number.empty()) return fail(quote(text) + " does not start with a number (write e.g. \"250us\" or \"1.5ms\")");
    if (unit.empty())
        return fail(quote(text) + " has no unit (append one of " + std::string(kUnitList) + ", e.g. \"" +
                    std::string(number) + "ms\")");
    const DurationUnit* found = nullptr;
    for (const auto& u : kDurationUnits)
        if (u.suffix == unit) found = &u;
    if (found == nullptr)
        return fail(quote(text) + " has an unknown unit '" + std::string(unit) + "' (use " + std::string(kUnitList) +
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
        return fail(quote(text) + ": the number " +
                    describe(!whole      ? whole.error()
                             : !fraction ? fraction.error()
                                         : DecimalError::BadCharacter) +
                    " (write e.g. \"250us\" or \"1.5ms\"; at most 9 decimals)");
    const std::int64_t signed_fraction = number.starts_with('-') ? -*fraction : *fraction;
    const std::int64_t common = std::gcd(found->nanoseconds, kFractionScale);
    const std::int64_t fraction_numerator = signed_fraction * (found->nanoseconds / common);  // |.| < 1e9 * 3600
    if (fraction_numerator % (kFractionScale / common) != 0)
        return fail(quote(text) + " is not a whole number of nanoseconds (use a smaller unit)");
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(*whole, found->nanoseconds, &ns) ||
        __builtin_add_overflow(ns, fraction_numerator / (kFractionScale / common), &ns))
        return fail(quote(text) + " is too large for a duration (the limit is about 292 years)");
    return ns;
}

Result<Timestamp> parse_timestamp(std::string_view text) {
    // TOML's offset date-time is RFC 3339, so TOML++ does the grammar for us.
    const auto node = parse_toml_value(text, "timestamp");
    const auto* value = node ? node->as_date_time() : nullptr;
    if (value == nullptr) return fail(quote(text) + " is not an RFC 3339 date-time (write e.g. 2012-06-21T09:30:00Z)");
    auto ts = timestamp_from_toml(value->get());
    if (!ts) return fail(quote(text) + " " + ts.error().message);
    return ts;
}

Result<std::chrono::sys_days> parse_date(std::string_view text) {
    constexpr std::string_view kHint = " (write the date as YYYY-MM-DD, e.g. 2012-06-21)";
    // TOML also accepts only YYYY-MM-DD for a local date; the length check
    // rejects anything TOML would read as a date-time instead.
    const auto node = text.size() == 10 ? parse_toml_value(text, "date") : nullptr;
    const auto* value = node ? node->as_date() : nullptr;
    if (value == nullptr) return fail(quote(text) + " is not a date" + std::string(kHint));
    auto days = days_from_toml(value->get());
    if (!days) return fail(quote(text) + " " + days.error().message + std::string(kHint));
    return days;
}

}  // namespace trellis::host
