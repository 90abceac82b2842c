#pragma once
// Duplicate-order guard (SEC 15c3-5(c)(1)(ii): orders that "indicate
// duplicative orders"; the FIA guide's duplicate-order check): refuses a new order identical to one the same strategy
// sent within window_ms — same instrument, side, type, price and quantity — the
// signature of a strategy stuck in a loop or a message replayed. See README.md.

#include <cstddef>
#include <span>
#include <vector>

#include "recent_orders.hpp"
#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kDuplicateOrderGuardParams[] = {
    {"window_ms", ParamType::Int, "1000",
     "an identical new order less than this long after the last one is a duplicate, milliseconds", 1.0, 86'400'000.0},
    {"capacity", ParamType::Int, "256",
     "new orders remembered (all strategies); size it to the most orders sent within window_ms", 1.0, 65'536.0},
    kSymbolParam,
};

class DuplicateOrderGuard final : public RiskRule {
public:
    /// Allocates the ring of `capacity` entries (the only allocation); throws
    /// std::invalid_argument for window_ms or capacity < 1.
    explicit DuplicateOrderGuard(const Params& params);

    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    /// Forgets an order that was rejected after this rule passed it, so a retry is not a duplicate.
    void on_order_update(const OrderUpdate& update) noexcept override;
    void stop() noexcept override;
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

    const RecentOrders& recent() const noexcept { return recent_; }

private:
    Duration window_;
    InstrumentScope scope_;
    RecentOrders recent_;
    RiskContext* ctx_ = nullptr;
    Counter* forgotten_in_window_ = nullptr;  // capacity too small for the traffic
};

}  // namespace trellis::risk
