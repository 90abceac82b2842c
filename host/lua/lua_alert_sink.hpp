#pragma once
// An alert sink written in Lua: on_alert(alert, ctx) for every alert. After
// max_consecutive_errors errors in a row the sink is muted until the file is
// reloaded successfully. docs/lua.md.

#include <memory>
#include <span>
#include <string>

#include "lua/lua_plugin_core.hpp"
#include "trellis/alert_sink.hpp"

namespace trellis::host {

class LuaAlertSink final : public AlertSink {
public:
    static Result<std::unique_ptr<LuaAlertSink>> load(const std::string& path, std::span<const RawParam> params,
                                                      const LuaLimits& limits, Logger& logger);

    Status start(Context& ctx) override { return core_.start(ctx, nullptr, nullptr); }
    void on_alert(const Alert& alert) noexcept override { core_.deliver_alert(alert); }
    void stop() noexcept override { core_.stop(); }
    std::vector<std::byte> snapshot() const override { return core_.snapshot(); }
    Status restore(std::span<const std::byte> state) override { return core_.restore(state); }

    // For diagnostics and tests.
    const LuaPluginCore& core() const noexcept { return core_; }
    bool muted() const noexcept { return core_.disabled(); }

private:
    LuaAlertSink(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits, Logger& logger)
        : core_(path, params, limits, logger, kAlertSinkScript) {}

    LuaPluginCore core_;
};

}  // namespace trellis::host
