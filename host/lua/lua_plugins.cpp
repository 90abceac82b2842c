#include "lua/lua_plugins.hpp"

#include "lua/lua_alert_sink.hpp"
#include "lua/lua_risk_rule.hpp"
#include "lua/lua_strategy.hpp"

namespace trellis::host {

namespace {

void destroy_host_plugin(Plugin* plugin) noexcept { delete plugin; }

template <class Interface, class Script>
Result<PluginPtr<Interface>> load_script(const std::string& path, std::span<const RawParam> params,
                                         const LuaLimits& limits, Logger& logger) {
    auto script = Script::load(path, params, limits, logger);
    if (!script) return std::unexpected(script.error());
    return PluginPtr<Interface>(script->release(), PluginDeleter(&destroy_host_plugin, nullptr));
}

}  // namespace

Result<PluginPtr<RiskRule>> load_lua_risk_rule(const std::string& path, std::span<const RawParam> params,
                                               const LuaLimits& limits, Logger& logger) {
    return load_script<RiskRule, LuaRiskRule>(path, params, limits, logger);
}

Result<PluginPtr<Strategy>> load_lua_strategy(const std::string& path, std::span<const RawParam> params,
                                              const LuaLimits& limits, Logger& logger) {
    return load_script<Strategy, LuaStrategy>(path, params, limits, logger);
}

Result<PluginPtr<AlertSink>> load_lua_alert_sink(const std::string& path, std::span<const RawParam> params,
                                                 const LuaLimits& limits, Logger& logger) {
    return load_script<AlertSink, LuaAlertSink>(path, params, limits, logger);
}

bool is_lua_script(std::string_view plugin) noexcept { return plugin.ends_with(".lua"); }

}  // namespace trellis::host
