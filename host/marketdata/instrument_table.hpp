#pragma once
// The instruments a run (or a tool) knows, with dense ids from 0. Readers map
// the symbols they meet to ids here. A run fills the table from config; tools
// without config (inspect, convert) let readers add instruments on first sight
// with the file format's default scales.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::host {

// Scales a reader gives an instrument it adds on first sight.
struct InstrumentDefaults {
    std::int32_t price_decimals = 0;
    std::int32_t qty_decimals = 0;
    std::int64_t tick_size = 1;  // raw, at price_decimals
    std::int64_t lot_size = 1;   // raw, at qty_decimals
};

// LOBSTER prices are dollars × 10^4 and US equities tick at one cent.
inline constexpr InstrumentDefaults kLobsterDefaults{4, 0, 100, 1};
inline constexpr InstrumentDefaults kBinanceDefaults{8, 8, 1, 1};
inline constexpr InstrumentDefaults kCoinbaseDefaults{8, 8, 1, 1};

// Whether readers may add unknown symbols, and scale overrides for those they add.
struct AutoAddPolicy {
    bool enabled = false;
    std::optional<std::int32_t> price_decimals;  // replaces the format default
    std::optional<std::int32_t> qty_decimals;
};

class InstrumentTable {
public:
    InstrumentTable() = default;
    explicit InstrumentTable(AutoAddPolicy policy) : policy_(policy) {}

    // The table described by the config's [[instruments]], in order.
    static Result<InstrumentTable> from_config(std::span<const InstrumentConfig> instruments);

    // Adds an instrument with the next id. Refuses duplicates, empty or too
    // long symbols (at most 23 bytes), decimals outside [0, 18], tick/lot <= 0.
    Result<InstrumentId> add(std::string_view symbol, std::int32_t price_decimals, std::int32_t qty_decimals,
                             Price tick_size, Quantity lot_size);

    // The id of `symbol`. An unknown symbol is added with `defaults` (as
    // adjusted by the policy's overrides) when the policy allows, else refused
    // with a message that says how to configure it.
    Result<InstrumentId> resolve(std::string_view symbol, const InstrumentDefaults& defaults);

    const InstrumentSpec* find(std::string_view symbol) const noexcept;
    const InstrumentSpec& at(InstrumentId id) const noexcept { return specs_[id]; }
    std::span<const InstrumentSpec> specs() const noexcept { return specs_; }
    std::size_t size() const noexcept { return specs_.size(); }
    const AutoAddPolicy& policy() const noexcept { return policy_; }

private:
    AutoAddPolicy policy_;
    std::vector<InstrumentSpec> specs_;
};

}  // namespace trellis::host
