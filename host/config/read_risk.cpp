#include <array>

#include "config/config_sections.hpp"
#include "config/value_readers.hpp"
#include "util/suggest.hpp"

namespace trellis::host {

namespace {

constexpr std::array<std::string_view, 5> kLevelNames{"normal", "elevated", "high", "severe", "halted"};

// [risk.levels]: each level → a list of actions; levels not given keep their defaults.
void read_levels(TableReader& risk, RiskLevelPolicy& policy) {
    auto levels = risk.table("levels");
    if (!levels) return;
    for (std::size_t level = 0; level < kLevelNames.size(); ++level) {
        const std::string_view name = kLevelNames[level];
        auto actions = levels->string_array(name);
        if (!actions) continue;
        std::uint8_t bits = kActionNone;
        for (const std::string& action : *actions) {
            const RiskAction a = parse_risk_action(action);
            if (a == kActionNone)
                levels->error(name, "unknown action '" + action + "'" + did_you_mean(action, kRiskActionNames) +
                                        " (actions: notify, reduce_only, cancel_all, halt)");
            bits |= a;
        }
        if (level == 0 && bits != kActionNone)
            levels->error(name, "the normal level takes no actions (remove it or leave the list empty)");
        policy.actions[level] = bits;
    }
    levels->reject_unknown_keys();
}

}  // namespace

void read_risk_section(TableReader& root, HostConfig& config) {
    auto risk = root.table("risk");
    if (!risk) return;
    config.risk_rules = read_plugin_entries(*risk, "rules", Need::Optional);
    read_levels(*risk, config.risk.policy);
    if (auto file = read_path(*risk, "kill_file", Need::Optional, FileCheck::None)) config.risk.kill_file = *file;
    if (auto poll = read_duration(*risk, "kill_poll", DurationFloor::Positive)) config.risk.kill_poll = *poll;
    risk->reject_unknown_keys();
}

void read_lua_section(TableReader& root, LuaConfig& lua) {
    auto table = root.table("lua");
    if (!table) return;
    if (auto v = table->integer("instruction_budget", Need::Optional, 1000, 1'000'000'000))
        lua.instruction_budget = std::uint64_t(*v);
    if (auto v = table->integer("memory_limit_mb", Need::Optional, 1, 4096)) lua.memory_limit_mb = std::uint64_t(*v);
    if (auto v = table->integer("max_consecutive_errors", Need::Optional, 1, 1'000'000))
        lua.max_consecutive_errors = int(*v);
    if (auto d = read_duration(*table, "reload_poll", DurationFloor::Positive)) lua.reload_poll = *d;
    if (auto b = table->boolean("hot_reload", Need::Optional)) lua.hot_reload = *b;
    table->reject_unknown_keys();
}

}  // namespace trellis::host
