#pragma once
// A reject reason built in a fixed buffer. Reasons carry the numbers that
// decided ("qty 500 > max 100") in the instrument's own units, but check()
// runs on the hot path and must not allocate, so std::string and std::format
// are out. Each kind of number is a small type streamed with <<, so a reason
// reads the way it prints.

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trellis/risk_rule.hpp"
#include "trellis/types.hpp"

namespace trellis::risk {

/// A fixed-point number to print exactly: raw × 10^-decimals (decimals in [0, 19]).
struct Decimal {
    std::int64_t raw = 0;
    int decimals = 0;
};

/// A quantity of `spec` for printing, in instrument units.
constexpr Decimal in_units(Quantity q, const InstrumentSpec& spec) noexcept { return {q.raw, spec.qty_decimals}; }
/// A price of `spec` for printing, in quote currency.
constexpr Decimal in_units(Price p, const InstrumentSpec& spec) noexcept { return {p.raw, spec.price_decimals}; }

/// A double (the host keeps equity and percentages in doubles) rounded to at
/// most `max_decimals` places, trailing zeros dropped: 1250.5, 10, 12.35.
struct Rounded {
    double value = 0.0;
    int max_decimals = 2;
};

/// A duration printed as whole milliseconds, "2500 ms" (rules take their windows in ms).
struct Millis {
    Duration ns = 0;
};

/// Text appended piece by piece into a buffer the size of RiskDecision::reason;
/// what does not fit is cut off (a reason is a message, not data).
class ReasonText {
public:
    /// RiskDecision::reason holds this many characters plus the terminating NUL.
    static constexpr std::size_t kCapacity = sizeof(RiskDecision{}.reason.data) - 1;

    ReasonText& operator<<(std::string_view text) noexcept;
    ReasonText& operator<<(const char* text) noexcept { return *this << std::string_view(text); }
    /// Plain decimal digits; short text, so no formatting options.
    template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char>) ReasonText& operator<<(T value) noexcept {
        std::array<char, 24> digits{};
        const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc{}) *this << std::string_view(digits.data(), std::size_t(end - digits.data()));
        return *this;
    }
    /// Without trailing zeros: {15000, 4} → "1.5", {-5, 3} → "-0.005", {100, 0} → "100".
    ReasonText& operator<<(Decimal value) noexcept;
    /// Rounded, trailing zeros dropped; "-0" prints as "0"; scientific when too long for fixed notation.
    ReasonText& operator<<(Rounded value) noexcept;
    /// Whole milliseconds and the unit: "1000 ms".
    ReasonText& operator<<(Millis value) noexcept { return *this << value.ns / 1'000'000 << " ms"; }
    /// "buy" or "sell".
    ReasonText& operator<<(Side side) noexcept { return *this << to_string(side); }

    std::string_view view() const noexcept { return std::string_view(buf_.data(), size_); }
    /// A rejection carrying this text.
    RiskDecision reject() const noexcept { return RiskDecision::reject(view()); }

private:
    std::array<char, kCapacity> buf_{};
    std::size_t size_ = 0;
};

}  // namespace trellis::risk
