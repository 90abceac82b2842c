#pragma once
// The simulated_exchange plugin: an ExchangeAdapter that matches our orders
// against the run's market data (see README.md). A thin shell over
// MatchingEngine, which holds the logic.

#include <cstddef>
#include <span>
#include <vector>

#include "matching_engine.hpp"
#include "trellis/exchange_adapter.hpp"
#include "trellis/params.hpp"

namespace trellis::simex {

class SimulatedExchange final : public ExchangeAdapter {
public:
    /// Throws std::invalid_argument for unusable parameters.
    explicit SimulatedExchange(const Params& params);

    Status start(AdapterContext& ctx) override { return engine_.start(ctx); }
    void on_market_data(const MarketEvent& event) noexcept override { engine_.on_market_data(event); }
    void submit(const Order& order) noexcept override { engine_.submit(order); }
    void cancel(OrderId id) noexcept override { engine_.cancel(id); }
    void replace(OrderId id, Price price, Quantity qty) noexcept override { engine_.replace(id, price, qty); }
    std::vector<std::byte> snapshot() const override { return engine_.snapshot(); }
    Status restore(std::span<const std::byte> state) override { return engine_.restore(state); }

    const MatchingEngine& engine() const noexcept { return engine_; }

private:
    MatchingEngine engine_;
};

}  // namespace trellis::simex
