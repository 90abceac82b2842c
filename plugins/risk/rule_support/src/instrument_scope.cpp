#include "risk_rule_support/instrument_scope.hpp"

#include "trellis/units.hpp"

namespace trellis::risk {

std::expected<void, std::string> InstrumentScope::resolve(const Context& ctx) {
    count_ = ctx.instrument_count();
    only_ = kNoInstrument;
    if (symbol_.empty()) return {};
    const auto spec = resolve_instrument(ctx, symbol_);
    if (!spec) return std::unexpected(spec.error());
    only_ = (*spec)->id;
    return {};
}

Status InstrumentScope::start(const Context& ctx, std::string_view rule) {
    if (const auto resolved = resolve(ctx); !resolved)
        return Status::error(StatusCode::NotFound, std::string(rule) + ": " + resolved.error());
    return Status::ok();
}

}  // namespace trellis::risk
