#pragma once
/// @file risk_rule.hpp
/// The pre-trade risk-rule interface (the risk chain is built by a later issue).

#include "trellis/context.hpp"
#include "trellis/order.hpp"
#include "trellis/plugin.hpp"

namespace trellis {

/// What a risk rule is asked about: a new order or a cancel-replace.
struct OrderIntent {
    enum class Action : std::uint8_t { New = 0, Replace = 1 };
    Action action = Action::New;
    OrderId id = kNoOrder;       ///< the order being replaced (Replace) or the id it will get (New)
    std::uint32_t strategy = 0;  ///< index of the strategy asking
    OrderRequest request;        ///< the order as it would be after the action
};

/// The verdict of a rule.
struct RiskDecision {
    bool accept = true;    ///< false rejects the intent
    FixedText<72> reason;  ///< why, when rejected
    /// Accept.
    static RiskDecision pass() noexcept { return {}; }
    /// Reject with a reason.
    static RiskDecision reject(std::string_view why) noexcept {
        RiskDecision d;
        d.accept = false;
        d.reason.assign(why);
        return d;
    }
};

/// A pre-trade check. check() runs on the engine thread for every intent and
/// must answer in well under a microsecond.
class RiskRule : public Plugin {
public:
    static constexpr PluginKind kKind = PluginKind::RiskRule;

    /// Called once before any event.
    virtual Status start(Context& ctx) = 0;
    /// Accepts or rejects an order intent.
    virtual RiskDecision check(const OrderIntent& intent) noexcept = 0;
    /// Sees every order update (to track open orders, fills, rates).
    virtual void on_order_update(const OrderUpdate& /*update*/) noexcept {}
    /// Sees market data as strategies do.
    virtual void on_market_data(const MarketEvent& /*event*/) noexcept {}
};

}  // namespace trellis
