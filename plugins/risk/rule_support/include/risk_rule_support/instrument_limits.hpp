#pragma once
// A limit the user writes once in human units (100 shares, 0.5 BTC, 250000
// USD) becomes one exact raw value per instrument, because every instrument
// has its own fixed-point scale. Converted in start(); check() only indexes.

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/context.hpp"
#include "trellis/types.hpp"
#include "trellis/units.hpp"

namespace trellis::risk {

/// An amount of quote currency (e.g. a notional limit) in Money units of
/// `spec` — 10^-(price_decimals + qty_decimals), the unit of price × qty — or
/// what is wrong with it. Must be non-negative and convert exactly. `key`
/// names the parameter in the message.
std::expected<Money, std::string> money_from_units(double amount, const InstrumentSpec& spec, std::string_view key);

/// `convert(spec)` (→ std::expected<Raw, std::string>) for every instrument
/// `scope` covers, as a vector indexed by InstrumentId (entries outside the
/// scope stay Raw{}). The first failure is returned; when the rule covers every
/// instrument it adds the way out of a limit that only suits some of them.
template <class Raw, class Convert>
std::expected<std::vector<Raw>, std::string> convert_per_instrument(const Context& ctx, const InstrumentScope& scope,
                                                                    Convert&& convert) {
    std::vector<Raw> values(ctx.instrument_count());
    std::string error;
    scope.for_each([&](InstrumentId id) {
        const InstrumentSpec* spec = ctx.instrument(id);
        if (!error.empty() || !spec) return;
        auto value = convert(*spec);
        if (value)
            values[id] = *value;
        else
            error = std::move(value.error());
    });
    if (error.empty()) return values;
    if (scope.every_instrument()) error += "; or set params.symbol to apply the rule to one instrument only";
    return std::unexpected(std::move(error));
}

/// A quantity limit in instrument units (params key `key`) per covered instrument.
inline std::expected<std::vector<Quantity>, std::string> quantity_limits(const Context& ctx,
                                                                         const InstrumentScope& scope, double units,
                                                                         std::string_view key) {
    return convert_per_instrument<Quantity>(
        ctx, scope, [&](const InstrumentSpec& spec) { return quantity_from_units(units, spec, key); });
}

}  // namespace trellis::risk
