#include "lua/lua_alert_sink.hpp"

namespace trellis::host {

Result<std::unique_ptr<LuaAlertSink>> LuaAlertSink::load(const std::string& path, std::span<const RawParam> params,
                                                         const LuaLimits& limits, Logger& logger) {
    std::unique_ptr<LuaAlertSink> sink(new LuaAlertSink(path, params, limits, logger));
    if (auto loaded = sink->core_.load(); !loaded) return std::unexpected(loaded.error());
    return sink;
}

}  // namespace trellis::host
