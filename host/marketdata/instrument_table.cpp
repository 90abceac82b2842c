#include "marketdata/instrument_table.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "marketdata/fixed_point.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {
constexpr std::size_t kMaxSymbolBytes = sizeof(InstrumentSpec::symbol) - 1;

// Keeps a default tick/lot meaning the same amount when the scale is overridden
// (a 0.01 tick is 100 at 4 decimals, 1 at 2); never below one raw unit.
std::int64_t rescale_increment(std::int64_t raw, int from_decimals, int to_decimals) {
    if (to_decimals >= from_decimals) return rescale_exact(raw, from_decimals, to_decimals).value_or(1);
    return std::max<std::int64_t>(1, raw / pow10(from_decimals - to_decimals));
}
}  // namespace

Result<InstrumentTable> InstrumentTable::from_config(std::span<const InstrumentConfig> instruments) {
    InstrumentTable table;
    for (const InstrumentConfig& c : instruments) {
        auto id = table.add(c.symbol, c.price_decimals, c.qty_decimals, c.tick_size, c.lot_size);
        if (!id)
            return fail(c.where.file + ":" + std::to_string(c.where.line) + ": " + c.where.key_path + ": " +
                        id.error().message);
    }
    return table;
}

Result<InstrumentId> InstrumentTable::add(std::string_view symbol, std::int32_t price_decimals,
                                          std::int32_t qty_decimals, Price tick_size, Quantity lot_size) {
    if (symbol.empty()) return fail("instrument symbol is empty");
    if (symbol.size() > kMaxSymbolBytes)
        return fail("instrument symbol " + quoted(symbol) + " is longer than " + std::to_string(kMaxSymbolBytes) +
                    " bytes");
    if (find(symbol)) return fail("instrument " + quoted(symbol) + " is defined twice");
    if (price_decimals < 0 || price_decimals > 18 || qty_decimals < 0 || qty_decimals > 18)
        return fail("instrument " + quoted(symbol) + ": price and quantity decimals must be between 0 and 18");
    if (tick_size.raw <= 0 || lot_size.raw <= 0)
        return fail("instrument " + quoted(symbol) + ": tick and lot size must be positive");
    if (specs_.size() >= kNoInstrument) return fail("too many instruments (at most 65535)");

    InstrumentSpec spec;
    spec.id = InstrumentId(specs_.size());
    std::memcpy(spec.symbol.data(), symbol.data(), symbol.size());
    spec.price_decimals = price_decimals;
    spec.qty_decimals = qty_decimals;
    spec.tick_size = tick_size;
    spec.lot_size = lot_size;
    specs_.push_back(spec);
    return spec.id;
}

Result<InstrumentId> InstrumentTable::resolve(std::string_view symbol, const InstrumentDefaults& defaults) {
    if (const InstrumentSpec* spec = find(symbol)) return spec->id;
    if (!policy_.enabled)
        return fail("instrument " + quoted(symbol) +
                    " is not configured; add an [[instruments]] entry with symbol = \"" + std::string(symbol) +
                    "\" and its price_decimals/qty_decimals");
    const int price_decimals = policy_.price_decimals.value_or(defaults.price_decimals);
    const int qty_decimals = policy_.qty_decimals.value_or(defaults.qty_decimals);
    return add(symbol, price_decimals, qty_decimals,
               Price{rescale_increment(defaults.tick_size, defaults.price_decimals, price_decimals)},
               Quantity{rescale_increment(defaults.lot_size, defaults.qty_decimals, qty_decimals)});
}

const InstrumentSpec* InstrumentTable::find(std::string_view symbol) const noexcept {
    // Tables hold a handful of instruments; a scan beats hashing here.
    for (const InstrumentSpec& spec : specs_)
        if (spec.name() == symbol) return &spec;
    return nullptr;
}

}  // namespace trellis::host
