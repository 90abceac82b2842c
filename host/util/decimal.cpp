#include "util/decimal.hpp"

#include <cmath>
#include <limits>

#include "trellis/types.hpp"

namespace trellis::host {

namespace {
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

bool mul_add(std::int64_t& acc, int digit) noexcept {
    if (acc > (kMax - digit) / 10) return false;
    acc = acc * 10 + digit;
    return true;
}
}  // namespace

std::expected<std::int64_t, DecimalError> parse_decimal(std::string_view s, int decimals) noexcept {
    if (s.empty()) return std::unexpected(DecimalError::Empty);
    bool negative = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        ++i;
    }
    std::int64_t acc = 0;
    bool any_digit = false;
    for (; i < s.size() && s[i] != '.'; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') return std::unexpected(DecimalError::BadCharacter);
        if (!mul_add(acc, c - '0')) return std::unexpected(DecimalError::Overflow);
        any_digit = true;
    }
    int frac = 0;
    if (i < s.size()) {  // at '.'
        ++i;
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c < '0' || c > '9') return std::unexpected(DecimalError::BadCharacter);
            any_digit = true;
            if (frac < decimals) {
                if (!mul_add(acc, c - '0')) return std::unexpected(DecimalError::Overflow);
                ++frac;
            } else if (c != '0') {
                return std::unexpected(DecimalError::TooPrecise);
            }
        }
    }
    if (!any_digit) return std::unexpected(DecimalError::Empty);
    for (; frac < decimals; ++frac)
        if (!mul_add(acc, 0)) return std::unexpected(DecimalError::Overflow);
    return negative ? -acc : acc;
}

std::expected<std::int64_t, DecimalError> parse_integer(std::string_view s) noexcept {
    if (s.find('.') != std::string_view::npos) return std::unexpected(DecimalError::BadCharacter);
    return parse_decimal(s, 0);
}

const char* describe(DecimalError e) noexcept {
    switch (e) {
        case DecimalError::Empty:
            return "is empty or has no digits";
        case DecimalError::BadCharacter:
            return "is not a decimal number";
        case DecimalError::TooPrecise:
            return "has more decimals than the instrument allows";
        case DecimalError::Overflow:
            return "is too large";
    }
    return "is invalid";
}

std::string_view format_decimal(std::int64_t value, int decimals, char* buf) noexcept {
    char tmp[32];
    int n = 0;
    const bool negative = value < 0;
    // Work in unsigned to survive INT64_MIN.
    std::uint64_t v = negative ? std::uint64_t(0) - std::uint64_t(value) : std::uint64_t(value);
    do {
        tmp[n++] = char('0' + v % 10);
        v /= 10;
    } while (v != 0 || n <= decimals);
    int out = 0;
    if (negative) buf[out++] = '-';
    for (int i = n - 1; i >= 0; --i) {
        buf[out++] = tmp[i];
        if (i == decimals && decimals > 0) buf[out++] = '.';
    }
    return std::string_view(buf, std::size_t(out));
}

std::expected<std::int64_t, DecimalError> decimal_from_double(double value, int decimals) noexcept {
    if (!std::isfinite(value)) return std::unexpected(DecimalError::BadCharacter);
    const double scaled = value * double(pow10(decimals));
    if (std::fabs(scaled) > 9.0e18) return std::unexpected(DecimalError::Overflow);
    const double rounded = std::nearbyint(scaled);
    if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled)))
        return std::unexpected(DecimalError::TooPrecise);
    return std::int64_t(rounded);
}

}  // namespace trellis::host
