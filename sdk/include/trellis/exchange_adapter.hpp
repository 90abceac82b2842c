#pragma once
/// @file exchange_adapter.hpp
/// The exchange-adapter interface: a venue, real or simulated.

#include "trellis/context.hpp"
#include "trellis/events.hpp"
#include "trellis/order.hpp"
#include "trellis/plugin.hpp"

namespace trellis {

/// A venue. Receives orders from the host and reports their fate through
/// AdapterContext::emit. A simulated venue also sees the market data of the
/// run at exchange time (before any market-data latency) to match against.
class ExchangeAdapter : public Plugin {
public:
    static constexpr PluginKind kKind = PluginKind::ExchangeAdapter;

    /// Called once before any event; keep the context for the whole run.
    virtual Status start(AdapterContext& ctx) = 0;
    /// Market data at exchange time (simulated venues match against it).
    virtual void on_market_data(const MarketEvent& /*event*/) noexcept {}
    /// A timer set with Context::set_timer came due.
    virtual void on_timer(const TimerEvent& /*timer*/) noexcept {}
    /// A new order has reached the venue.
    virtual void submit(const Order& order) noexcept = 0;
    /// A cancel request for a live order has reached the venue.
    virtual void cancel(OrderId id) noexcept = 0;
    /// A cancel-replace request (new limit price and new total quantity) has reached the venue.
    virtual void replace(OrderId id, Price price, Quantity qty) noexcept = 0;
};

}  // namespace trellis
