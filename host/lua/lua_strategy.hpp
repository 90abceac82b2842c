#pragma once
// A strategy written in Lua: on_start, on_quote, on_trade, on_order, on_timer,
// on_stop (all optional) with ctx.buy/sell/cancel/replace/set_timer to trade.
// An error in a callback is logged with file:line and counted; after
// max_consecutive_errors errors in a row the strategy stops (no more events,
// no new orders; its live orders stay) until the file is reloaded
// successfully. docs/lua.md.

#include <memory>
#include <span>
#include <string>

#include "lua/lua_plugin_core.hpp"
#include "trellis/strategy.hpp"

namespace trellis::host {

class LuaStrategy final : public Strategy {
public:
    static Result<std::unique_ptr<LuaStrategy>> load(const std::string& path, std::span<const RawParam> params,
                                                     const LuaLimits& limits, Logger& logger);

    Status start(StrategyContext& ctx) override { return core_.start(ctx, nullptr, &ctx); }
    void on_quote(const MarketEvent& event) noexcept override { core_.deliver_market(event); }
    void on_trade(const MarketEvent& event) noexcept override { core_.deliver_market(event); }
    void on_order_update(const OrderUpdate& update) noexcept override { core_.deliver_order_update(update); }
    void on_timer(const TimerEvent& timer) noexcept override { core_.deliver_timer(timer); }
    void stop() noexcept override { core_.stop(); }
    std::vector<std::byte> snapshot() const override { return core_.snapshot(); }
    Status restore(std::span<const std::byte> state) override { return core_.restore(state); }

    // For diagnostics and tests.
    const LuaPluginCore& core() const noexcept { return core_; }
    bool stopped() const noexcept { return core_.disabled(); }

private:
    LuaStrategy(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits, Logger& logger)
        : core_(path, params, limits, logger, kStrategyScript) {}

    LuaPluginCore core_;
};

}  // namespace trellis::host
