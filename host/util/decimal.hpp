#pragma once
// Exact decimal-text → fixed-point conversion. Market data arrives as decimal
// strings ("27981.30000000"); converting through double would round, so we
// parse digits directly and refuse values that do not fit the scale exactly.

#include <cstdint>
#include <expected>
#include <string_view>

namespace trellis::host {

enum class DecimalError { Empty, BadCharacter, TooPrecise, Overflow };

// Parses an optionally signed decimal ("-12.5", "3", "0.00100000") into an
// integer count of 10^-decimals. Trailing zeros beyond `decimals` are fine;
// a nonzero digit beyond it is TooPrecise.
std::expected<std::int64_t, DecimalError> parse_decimal(std::string_view text, int decimals) noexcept;

// Parses a plain (optionally signed) integer.
std::expected<std::int64_t, DecimalError> parse_integer(std::string_view text) noexcept;

// Human text for an error, e.g. "has more than 2 decimals".
const char* describe(DecimalError e) noexcept;

// Formats value × 10^-decimals as decimal text without trailing garbage ("27981.30").
// Writes into buf (size >= 32) and returns the view.
std::string_view format_decimal(std::int64_t value, int decimals, char* buf) noexcept;

// Converts a double (e.g. a TOML float like 0.01) to fixed point, refusing values
// that are not within 1e-9 relative of a representable fixed-point number.
std::expected<std::int64_t, DecimalError> decimal_from_double(double value, int decimals) noexcept;

}  // namespace trellis::host
