#include "lua/lua_risk_rule.hpp"

#include <cstdio>
#include <lua.hpp>

namespace trellis::host {

LuaRiskRule::LuaRiskRule(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits,
                         Logger& logger)
    : core_(path, params, limits, logger, kRiskRuleScript) {}

Result<std::unique_ptr<LuaRiskRule>> LuaRiskRule::load(const std::string& path, std::span<const RawParam> params,
                                                       const LuaLimits& limits, Logger& logger) {
    std::unique_ptr<LuaRiskRule> rule(new LuaRiskRule(path, params, limits, logger));
    if (auto loaded = rule->core_.load(); !loaded) return std::unexpected(loaded.error());
    return rule;
}

RiskLevel LuaRiskRule::level() const noexcept { return core_.disabled() ? RiskLevel::Severe : RiskLevel::Normal; }

RiskDecision LuaRiskRule::reject_for_error(std::string_view message) noexcept {
    if (core_.record_error(message)) {
        char text[128];
        std::snprintf(text, sizeof text, "quarantined after %d errors in a row; last: %.*s", core_.streak().limit(),
                      int(message.size()), message.data());
        quarantine_reason_.assign(text);
    }
    return RiskDecision::reject(message);
}

RiskDecision LuaRiskRule::check(const OrderIntent& intent) noexcept {
    core_.adopt_new_version_if_any();
    if (core_.disabled()) return RiskDecision::reject(quarantine_reason_.view());
    LuaProgram& program = core_.program();
    *program.views().order = intent;
    program.push_callback(Callback::Check);
    program.push_view(ViewKind::Order);
    program.push_ctx();
    if (!program.call(2, 2)) return reject_for_error(program.error());

    lua_State* L = program.state();
    if (lua_type(L, -2) != LUA_TBOOLEAN) {
        char text[256];
        std::snprintf(text, sizeof text, "%s:%d: check must return true, or false and a reason; it returned %s",
                      program.path().c_str(), program.line_of(Callback::Check), luaL_typename(L, -2));
        program.reset_stack();
        return reject_for_error(text);
    }
    core_.record_success();
    if (lua_toboolean(L, -2)) {
        program.reset_stack();
        return RiskDecision::pass();
    }
    RiskDecision decision;
    decision.accept = false;
    if (lua_type(L, -1) == LUA_TSTRING) {
        std::size_t size = 0;
        const char* reason = lua_tolstring(L, -1, &size);
        decision.reason.assign(std::string_view(reason, size));
    } else {
        decision.reason.assign("rejected (check gave no reason)");
    }
    program.reset_stack();
    return decision;
}

}  // namespace trellis::host
