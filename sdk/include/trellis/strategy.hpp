#pragma once
/// @file strategy.hpp
/// The strategy interface: reacts to market data and order updates, places orders.

#include "trellis/context.hpp"
#include "trellis/events.hpp"
#include "trellis/order.hpp"
#include "trellis/plugin.hpp"

namespace trellis {

/// A trading strategy. All callbacks run on the engine thread, must not block,
/// allocate or throw in steady state.
class Strategy : public Plugin {
public:
    static constexpr PluginKind kKind = PluginKind::Strategy;

    /// Called once before any event; keep the context for the whole run.
    virtual Status start(StrategyContext& ctx) = 0;
    /// L1 update (payload: event.quote).
    virtual void on_quote(const MarketEvent& /*event*/) noexcept {}
    /// L2 level change (payload: event.level).
    virtual void on_book_level(const MarketEvent& /*event*/) noexcept {}
    /// L3 order event: add, reduce, delete (payload: event.order).
    virtual void on_book_order(const MarketEvent& /*event*/) noexcept {}
    /// A trade in the market (payload: event.trade).
    virtual void on_trade(const MarketEvent& /*event*/) noexcept {}
    /// A change to one of this strategy's orders.
    virtual void on_order_update(const OrderUpdate& /*update*/) noexcept {}
    /// A timer set with Context::set_timer came due.
    virtual void on_timer(const TimerEvent& /*timer*/) noexcept {}
};

}  // namespace trellis
