#pragma once
/// @file units.hpp
/// Exact conversion of parameters written in human units (100 shares,
/// 0.01 BTC, 2.5 seconds) to the fixed-point raws and nanoseconds the SDK
/// speaks, and back to text for messages.
///
/// A value that does not convert exactly is refused with a message that says
/// how to fix it, never rounded. These functions allocate (for the messages):
/// use them in constructors and start(), not on the hot path.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <expected>
#include <string>
#include <string_view>

#include "trellis/context.hpp"
#include "trellis/types.hpp"

namespace trellis {

/// raw × 10^-decimals as plain decimal text without trailing zeros
/// ("0.015", "-3", "100"); decimals in [0, 18].
inline std::string format_fixed(std::int64_t raw, int decimals) {
    const bool negative = raw < 0;
    const std::uint64_t magnitude = negative ? 0 - std::uint64_t(raw) : std::uint64_t(raw);
    const std::uint64_t scale = std::uint64_t(pow10(decimals));
    std::string text = std::to_string(magnitude / scale);
    if (decimals > 0) {
        std::string frac = std::to_string(magnitude % scale);
        frac.insert(0, std::size_t(decimals) - frac.size(), '0');
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (!frac.empty()) text += "." + frac;
    }
    return negative ? "-" + text : text;
}

/// A parameter value as a user would write it: 0.015, 100, 2.5e-05 (not 0.015000).
inline std::string format_number(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", value);
    return buf;
}

/// value × 10^decimals as an exact integer, or what is wrong with it (a
/// phrase to append to the parameter's name). Refuses values with more
/// decimals than the scale holds, within 1e-6 relative: the tolerance the host
/// uses for TOML floats, so 0.1 plus binary noise is still 0.1.
inline std::expected<std::int64_t, std::string> to_fixed_point(double value, int decimals) {
    if (!std::isfinite(value)) return std::unexpected("is not a finite number");
    const double scaled = value * double(pow10(decimals));
    if (std::fabs(scaled) > 9.0e18) return std::unexpected("is too large for the fixed-point scale");
    const double rounded = std::nearbyint(scaled);
    if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled)))
        return std::unexpected("has more than " + std::to_string(decimals) + " decimals");
    return std::int64_t(rounded);
}

/// A non-negative quantity in instrument units (e.g. a position limit) as a
/// raw Quantity of `spec`. `key` names the parameter in the error message.
inline std::expected<Quantity, std::string> quantity_from_units(double units, const InstrumentSpec& spec,
                                                                std::string_view key) {
    const auto raw = to_fixed_point(units, spec.qty_decimals);
    if (!raw)
        return std::unexpected(std::string(key) + " = " + format_number(units) + " " + raw.error() + " (" +
                               std::string(spec.name()) + " quantities have " + std::to_string(spec.qty_decimals) +
                               " decimals)");
    if (*raw < 0) return std::unexpected(std::string(key) + " must not be negative");
    return Quantity{*raw};
}

/// An order size in instrument units as a raw Quantity of `spec`: positive and
/// a whole number of lots, since the venue would reject every order otherwise.
/// The error for an odd size suggests the nearest valid sizes.
inline std::expected<Quantity, std::string> order_quantity_from_units(double units, const InstrumentSpec& spec,
                                                                      std::string_view key) {
    const auto qty = quantity_from_units(units, spec, key);
    if (!qty) return qty;
    const std::int64_t lot = spec.lot_size.raw > 0 ? spec.lot_size.raw : 1;
    if (qty->raw == 0) return std::unexpected(std::string(key) + " must be positive");
    if (qty->raw % lot != 0) {
        const std::int64_t below = qty->raw / lot * lot;
        std::string hint = "use a multiple of " + format_fixed(lot, spec.qty_decimals) + ", e.g. ";
        if (below > 0) hint += format_fixed(below, spec.qty_decimals) + " or ";
        hint += format_fixed(below + lot, spec.qty_decimals);
        return std::unexpected(std::string(key) + " = " + format_fixed(qty->raw, spec.qty_decimals) +
                               " is not a whole number of " + std::string(spec.name()) + " lots (lot size " +
                               format_fixed(lot, spec.qty_decimals) + "); " + hint);
    }
    return qty;
}

/// Seconds (a float parameter) as a Duration, rounded to the nearest nanosecond.
inline Duration duration_from_seconds(double seconds) noexcept { return Duration(std::llround(seconds * 1e9)); }

/// The instrument whose units apply: looks `symbol` up in the host's table.
/// The error lists the symbols the host does know.
inline std::expected<const InstrumentSpec*, std::string> resolve_instrument(const Context& ctx,
                                                                            std::string_view symbol) {
    if (const InstrumentSpec* spec = ctx.find_instrument(symbol)) return spec;
    std::string known;
    for (std::size_t i = 0; i < ctx.instrument_count(); ++i) {
        const InstrumentSpec* spec = ctx.instrument(InstrumentId(i));
        if (!spec) continue;
        if (!known.empty()) known += ", ";
        known += spec->name();
    }
    return std::unexpected("symbol '" + std::string(symbol) +
                           "' is not in the instrument table (known: " + (known.empty() ? std::string("none") : known) +
                           "); set params.symbol to one of them or add the instrument to the data source");
}

}  // namespace trellis
