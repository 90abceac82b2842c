#pragma once
// Which instruments a rule judges: the one named by params.symbol, or every
// instrument in the host's table when the symbol is empty. Resolved once in
// start(), then asked per intent with an O(1) comparison.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "trellis/context.hpp"
#include "trellis/status.hpp"
#include "trellis/types.hpp"

namespace trellis::risk {

class InstrumentScope {
public:
    /// `symbol` as configured; empty = every instrument.
    explicit InstrumentScope(std::string symbol) : symbol_(std::move(symbol)) {}

    /// Looks the symbol up in the host's table (call in start()). The error
    /// lists the symbols the host knows.
    std::expected<void, std::string> resolve(const Context& ctx);
    /// resolve() as the Status a rule's start() returns: NotFound, prefixed with `rule`.
    Status start(const Context& ctx, std::string_view rule);

    /// True for an instrument the rule judges. Ids outside the host's table are
    /// never covered: the host refuses them before the risk chain, and a rule
    /// has no units for them. Nothing is covered before resolve().
    bool covers(InstrumentId id) const noexcept { return only_ == kNoInstrument ? id < count_ : id == only_; }
    /// True when no symbol was configured.
    bool every_instrument() const noexcept { return symbol_.empty(); }
    /// The configured instrument's id, or kNoInstrument when the rule covers all.
    InstrumentId only() const noexcept { return only_; }

    /// Calls f(InstrumentId) for each covered instrument in id order (for
    /// level() and start(), not for check()).
    template <class F>
    void for_each(F&& f) const {
        if (only_ != kNoInstrument) return f(only_);
        for (std::size_t id = 0; id < count_; ++id) f(InstrumentId(id));
    }

private:
    std::string symbol_;
    InstrumentId only_ = kNoInstrument;
    std::size_t count_ = 0;  // instruments in the host's table
};

}  // namespace trellis::risk
