#include "risk_rule_support/instrument_limits.hpp"

namespace trellis::risk {

std::expected<Money, std::string> money_from_units(double amount, const InstrumentSpec& spec, std::string_view key) {
    const int decimals = spec.price_decimals + spec.qty_decimals;
    const auto raw = to_fixed_point(amount, decimals);
    if (!raw)
        return std::unexpected(std::string(key) + " = " + format_number(amount) + " " + raw.error() + " (" +
                               std::string(spec.name()) + " notionals are counted in units of 10^-" +
                               std::to_string(decimals) + " of the quote currency)");
    if (*raw < 0) return std::unexpected(std::string(key) + " must not be negative");
    return Money{*raw};
}

}  // namespace trellis::risk
