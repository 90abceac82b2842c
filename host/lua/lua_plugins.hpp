#pragma once
// Lua plugins as the host creates them: a risk rule, strategy or alert sink
// from a .lua file, checked at load (errors say "path:line: message"),
// running in its own sandboxed lua_State under `limits`, reloaded when the
// file changes (limits.hot_reload). `logger` receives reload messages and the
// scripts' print() output and must outlive the plugin. The objects are the
// host's own, so their PluginPtr deleter holds no library. docs/lua.md.

#include <span>
#include <string>

#include "lua/lua_limits.hpp"
#include "plugin/plugin_instance.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/strategy.hpp"
#include "util/error.hpp"
#include "util/logger.hpp"
#include "util/raw_param.hpp"

namespace trellis::host {

Result<PluginPtr<RiskRule>> load_lua_risk_rule(const std::string& path, std::span<const RawParam> params,
                                               const LuaLimits& limits, Logger& logger);
Result<PluginPtr<Strategy>> load_lua_strategy(const std::string& path, std::span<const RawParam> params,
                                              const LuaLimits& limits, Logger& logger);
Result<PluginPtr<AlertSink>> load_lua_alert_sink(const std::string& path, std::span<const RawParam> params,
                                                 const LuaLimits& limits, Logger& logger);

// True for a plugin reference that names a Lua script ("....lua").
bool is_lua_script(std::string_view plugin) noexcept;

}  // namespace trellis::host
