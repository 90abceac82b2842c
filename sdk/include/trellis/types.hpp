#pragma once
/// @file types.hpp
/// Identifiers, timestamps and the fixed-point numbers every plugin speaks in.

#include <array>
#include <compare>
#include <cstdint>
#include <string_view>

namespace trellis {

/// Nanoseconds since the Unix epoch (UTC). Simulated in backtests, wall clock live.
using Timestamp = std::int64_t;
/// A span of time in nanoseconds.
using Duration = std::int64_t;
/// Index of an instrument in the host's instrument table (0-based, dense).
using InstrumentId = std::uint16_t;
/// Host-assigned order id; unique within a run, never 0.
using OrderId = std::uint64_t;

/// Sentinel for "no order".
inline constexpr OrderId kNoOrder = 0;
/// Sentinel for "no instrument".
inline constexpr InstrumentId kNoInstrument = 0xFFFF;

/// Buy or sell. For trades, the side of the aggressor.
enum class Side : std::uint8_t { Buy = 0, Sell = 1 };

/// The other side.
constexpr Side opposite(Side s) noexcept { return s == Side::Buy ? Side::Sell : Side::Buy; }
/// +1 for buy, -1 for sell.
constexpr std::int64_t sign(Side s) noexcept { return s == Side::Buy ? 1 : -1; }
/// "buy" / "sell".
constexpr std::string_view to_string(Side s) noexcept { return s == Side::Buy ? "buy" : "sell"; }

/// A price as an integer count of 10^-price_decimals of the quote currency.
/// The scale belongs to the instrument (InstrumentSpec::price_decimals).
struct Price {
    std::int64_t raw = 0;  ///< scaled integer value
    constexpr auto operator<=>(const Price&) const = default;
    constexpr Price operator+(Price o) const noexcept { return {raw + o.raw}; }
    constexpr Price operator-(Price o) const noexcept { return {raw - o.raw}; }
};

/// A quantity as an integer count of 10^-qty_decimals of the base unit.
struct Quantity {
    std::int64_t raw = 0;  ///< scaled integer value
    constexpr auto operator<=>(const Quantity&) const = default;
    constexpr Quantity operator+(Quantity o) const noexcept { return {raw + o.raw}; }
    constexpr Quantity operator-(Quantity o) const noexcept { return {raw - o.raw}; }
    constexpr Quantity& operator+=(Quantity o) noexcept {
        raw += o.raw;
        return *this;
    }
    constexpr Quantity& operator-=(Quantity o) noexcept {
        raw -= o.raw;
        return *this;
    }
};

/// Cash, fees and PnL: an integer count of 10^-(price_decimals + qty_decimals)
/// of the quote currency, so price × quantity is exact.
using Money = std::int64_t;

/// price × quantity in Money units, exact (overflow is the caller's concern;
/// 9.2e18 units is far beyond any single order).
constexpr Money notional(Price p, Quantity q) noexcept { return p.raw * q.raw; }

/// 10^n for n in [0, 18].
constexpr std::int64_t pow10(int n) noexcept {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

/// Static description of a tradable instrument, fixed for a run.
struct InstrumentSpec {
    InstrumentId id = kNoInstrument;  ///< index in the host's instrument table
    std::array<char, 24> symbol{};    ///< NUL-terminated symbol, e.g. "AMZN"
    std::int32_t price_decimals = 0;  ///< Price::raw = price × 10^price_decimals
    std::int32_t qty_decimals = 0;    ///< Quantity::raw = qty × 10^qty_decimals
    Price tick_size{1};               ///< smallest price increment (raw units)
    Quantity lot_size{1};             ///< smallest quantity increment (raw units)

    /// The symbol as a string view.
    std::string_view name() const noexcept { return std::string_view(symbol.data()); }
    /// Converts a raw price to a double in currency units (for display only).
    double to_double(Price p) const noexcept { return double(p.raw) / double(pow10(price_decimals)); }
    /// Converts a raw quantity to a double in base units (for display only).
    double to_double(Quantity q) const noexcept { return double(q.raw) / double(pow10(qty_decimals)); }
    /// Converts Money to a double in currency units (for display only).
    double money_to_double(Money m) const noexcept { return double(m) / double(pow10(price_decimals + qty_decimals)); }
};

}  // namespace trellis
