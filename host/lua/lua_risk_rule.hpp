#pragma once
// A risk rule written in Lua: the script's check(order, ctx) returns true, or
// false and a reason. Fails closed: an error, a bad return value, a spent
// instruction budget or memory cap rejects the order with "file:line: message"
// as the reason. After max_consecutive_errors errors in a row the rule is
// quarantined — it rejects every order saying so and level() reports Severe —
// until the file is reloaded successfully. docs/lua.md.

#include <memory>
#include <span>
#include <string>

#include "lua/lua_plugin_core.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::host {

class LuaRiskRule final : public RiskRule {
public:
    static Result<std::unique_ptr<LuaRiskRule>> load(const std::string& path, std::span<const RawParam> params,
                                                     const LuaLimits& limits, Logger& logger);

    Status start(RiskContext& ctx) override { return core_.start(ctx, &ctx, nullptr); }
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void on_order_update(const OrderUpdate& update) noexcept override { core_.deliver_order_update(update); }
    void on_market_data(const MarketEvent& event) noexcept override { core_.deliver_market(event); }
    void on_timer(const TimerEvent& timer) noexcept override { core_.deliver_timer(timer); }
    RiskLevel level() const noexcept override;
    void stop() noexcept override { core_.stop(); }
    std::vector<std::byte> snapshot() const override { return core_.snapshot(); }
    Status restore(std::span<const std::byte> state) override { return core_.restore(state); }

    // For diagnostics and tests.
    const LuaPluginCore& core() const noexcept { return core_; }
    bool quarantined() const noexcept { return core_.disabled(); }

private:
    LuaRiskRule(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits, Logger& logger);
    RiskDecision reject_for_error(std::string_view message) noexcept;

    LuaPluginCore core_;
    FixedText<128> quarantine_reason_;
};

}  // namespace trellis::host
