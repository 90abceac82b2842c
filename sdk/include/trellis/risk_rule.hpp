#pragma once
/// @file risk_rule.hpp
/// Pre-trade risk rules: the intent they judge, their verdict, the context
/// they may consult and act through, and the risk level they report.

#include <string_view>

#include "trellis/context.hpp"
#include "trellis/order.hpp"
#include "trellis/plugin.hpp"

namespace trellis {

/// What a risk rule is asked about: a new order or a cancel-replace. Cancels
/// are never judged: taking risk off must always be possible.
struct OrderIntent {
    enum class Action : std::uint8_t { New = 0, Replace = 1 };
    Action action = Action::New;
    OrderId id = kNoOrder;       ///< the order being replaced (Replace) or the id it will get (New)
    std::uint32_t strategy = 0;  ///< index of the strategy asking
    OrderRequest request;        ///< the order as it would be after the action
    Quantity previous_open;      ///< Replace: the order's open (unfilled) quantity before the replace; New: 0
};

/// The verdict of a rule.
struct RiskDecision {
    bool accept = true;     ///< false rejects the intent
    FixedText<128> reason;  ///< why, when rejected
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

/// How much trouble the host is in, from the rules' states. The host maps each
/// level to configured actions (notify, reduce-only, cancel-all, halt).
enum class RiskLevel : std::uint8_t { Normal = 0, Elevated = 1, High = 2, Severe = 3, Halted = 4 };

/// "normal", "elevated", "high", "severe", "halted".
constexpr std::string_view to_string(RiskLevel l) noexcept {
    switch (l) {
        case RiskLevel::Normal:
            return "normal";
        case RiskLevel::Elevated:
            return "elevated";
        case RiskLevel::High:
            return "high";
        case RiskLevel::Severe:
            return "severe";
        case RiskLevel::Halted:
            return "halted";
    }
    return "unknown";
}

/// What the host offers a risk rule beyond the plain Context: the host's own
/// orders (including those still in flight to the venue, so they count toward
/// limits at once), the account's equity, and the actions a rule may take.
class RiskContext : public Context {
public:
    /// Open (unfilled) quantity of the host's live orders in `instrument` on `side`, all strategies.
    virtual Quantity open_quantity(InstrumentId instrument, Side side) const noexcept = 0;
    /// Number of the host's live orders in `instrument` (kNoInstrument: in all instruments).
    virtual std::size_t open_orders(InstrumentId instrument) const noexcept = 0;
    /// Best price among the host's live orders in `instrument` on `side` (highest buy, lowest sell);
    /// false when there is none.
    virtual bool best_own_price(InstrumentId instrument, Side side, Price& out) const noexcept = 0;
    /// Account equity now, in quote-currency units summed over instruments.
    virtual double equity() const noexcept = 0;
    /// Highest equity seen since the session started.
    virtual double peak_equity() const noexcept = 0;
    /// Cancels every live order of `strategy` in `instrument` (kNoInstrument: in all instruments).
    virtual void cancel_orders(std::uint32_t strategy, InstrumentId instrument) noexcept = 0;
    /// Stops `strategy` from entering orders until an operator re-enables it.
    virtual void disable_strategy(std::uint32_t strategy, std::string_view reason) noexcept = 0;
    /// Name of a strategy, for messages ("" if unknown).
    virtual std::string_view strategy_name(std::uint32_t strategy) const noexcept = 0;
    /// Number of strategies in the host (their indexes are 0 .. count-1).
    virtual std::size_t strategy_count() const noexcept = 0;
};

/// A pre-trade check. check() runs on the engine thread for every intent and
/// must answer in well under a microsecond: no allocation, no I/O.
class RiskRule : public Plugin {
public:
    static constexpr PluginKind kKind = PluginKind::RiskRule;

    /// Called once before any event; keep the context for the whole run.
    virtual Status start(RiskContext& ctx) = 0;
    /// Accepts or rejects an order intent.
    virtual RiskDecision check(const OrderIntent& intent) noexcept = 0;
    /// Sees every order update after the host has booked it (fills, cancels, rejects).
    virtual void on_order_update(const OrderUpdate& /*update*/) noexcept {}
    /// Sees market data as strategies do.
    virtual void on_market_data(const MarketEvent& /*event*/) noexcept {}
    /// A timer set with Context::set_timer came due.
    virtual void on_timer(const TimerEvent& /*timer*/) noexcept {}
    /// An operator re-enabled a strategy (after RiskContext::disable_strategy): forget what disabled it.
    virtual void on_strategy_enabled(std::uint32_t /*strategy*/) noexcept {}
    /// The level this rule's state calls for (Normal when all is well).
    virtual RiskLevel level() const noexcept { return RiskLevel::Normal; }
};

}  // namespace trellis
