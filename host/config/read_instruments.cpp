#include <array>

#include "config/config_sections.hpp"
#include "config/unique_names.hpp"
#include "config/value_readers.hpp"

namespace trellis::host {

namespace {

constexpr std::int64_t kMaxDecimals = 12;
// InstrumentSpec::symbol is a NUL-terminated char[24].
constexpr std::size_t kMaxSymbolLength = 23;

std::optional<int> read_decimals(TableReader& entry, std::string_view key) {
    const auto value = entry.integer(key, Need::Required, 0, kMaxDecimals);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

}  // namespace

std::vector<InstrumentConfig> read_instruments(TableReader& root, std::span<const PluginConfig> adapters) {
    std::vector<std::string_view> venues;
    for (const auto& a : adapters)
        if (!a.name.empty()) venues.push_back(a.name);

    std::vector<InstrumentConfig> instruments;
    UniqueNames symbols("symbol", "instruments");
    for (auto& entry : root.table_array("instruments", Need::Required)) {
        InstrumentConfig inst;
        inst.where = entry.where();
        if (auto symbol = entry.string("symbol", Need::Required)) {
            if (symbol->empty())
                entry.error("symbol", "is empty (write the instrument's symbol, e.g. symbol = \"AMZN\")");
            else if (symbol->size() > kMaxSymbolLength)
                entry.error("symbol", "'" + *symbol + "' is longer than " + std::to_string(kMaxSymbolLength) +
                                          " characters (use a shorter symbol)");
            else if (symbols.add(*symbol, entry, "symbol"))
                inst.symbol = std::move(*symbol);
        }
        const auto price_decimals = read_decimals(entry, "price_decimals");
        const auto qty_decimals = read_decimals(entry, "qty_decimals");
        if (price_decimals) inst.price_decimals = *price_decimals;
        if (qty_decimals) inst.qty_decimals = *qty_decimals;
        if (auto tick = read_fixed_point(entry, "tick_size", price_decimals, "price_decimals"))
            inst.tick_size = Price{*tick};
        if (auto lot = read_fixed_point(entry, "lot_size", qty_decimals, "qty_decimals"))
            inst.lot_size = Quantity{*lot};
        if (auto venue = read_reference(entry, "venue", venues, "[[adapters]] entry")) inst.venue = std::move(*venue);
        entry.reject_unknown_keys();
        instruments.push_back(std::move(inst));
    }
    return instruments;
}

}  // namespace trellis::host
