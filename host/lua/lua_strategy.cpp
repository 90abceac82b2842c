#include "lua/lua_strategy.hpp"

namespace trellis::host {

Result<std::unique_ptr<LuaStrategy>> LuaStrategy::load(const std::string& path, std::span<const RawParam> params,
                                                       const LuaLimits& limits, Logger& logger) {
    std::unique_ptr<LuaStrategy> strategy(new LuaStrategy(path, params, limits, logger));
    if (auto loaded = strategy->core_.load(); !loaded) return std::unexpected(loaded.error());
    return strategy;
}

}  // namespace trellis::host
