#pragma once
// Text <-> value conversions for plugin parameters: a schema declares its
// defaults as TOML-style text ("10", "0.5", "true", "AMZN"); the loader, the
// validator and `describe` all read and print them through these functions so
// the three agree on what a default means.

#include <string>
#include <string_view>

#include "trellis/params.hpp"
#include "util/error.hpp"

namespace trellis::host {

// Parses schema text into a value of `type`. Int: optionally signed digits.
// Float: a finite decimal or exponent number (an integer is fine). Bool:
// "true" or "false". String: the text itself. The error says what is wrong
// with the text, without naming a parameter (the caller knows which).
Result<ParamValue> parse_param_text(ParamType type, std::string_view text);

// The type a value carries (the variant's alternative).
ParamType type_of(const ParamValue& value) noexcept;

// A value as a user would write it: 10, 0.5, true, "AMZN".
std::string format_param_value(const ParamValue& value);

// A bound of a schema range in its shortest exact form: 1, 0.25, 1e-06.
std::string format_bound(double bound);

// ParamSpec's defaults (±1e300) mean "no bound".
bool has_lower_bound(const ParamSpec& spec) noexcept;
bool has_upper_bound(const ParamSpec& spec) noexcept;

// Which of a spec's bounds `value` (Int or Float) violates: "" when within
// range, else "below the minimum 1" / "above the maximum 100".
std::string range_violation(const ParamSpec& spec, const ParamValue& value);

}  // namespace trellis::host
