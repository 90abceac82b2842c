#pragma once
// What the host does at each risk level: the level is the highest any rule
// reports (Halted while the kill switch is engaged); each level carries
// configured actions ([risk.levels]), applied when the level is entered
// (cancel-all, halt) or while it is held (notify, reduce-only).

#include <array>
#include <cstdint>
#include <string_view>

#include "trellis/risk_rule.hpp"

namespace trellis::host {

enum RiskAction : std::uint8_t {
    kActionNone = 0,
    kActionNotify = 1 << 0,      // log a warning and raise an alert
    kActionReduceOnly = 1 << 1,  // only orders that shrink the position pass
    kActionCancelAll = 1 << 2,   // cancel every open order once, on entering the level
    kActionHalt = 1 << 3,        // engage the kill switch
};

// "notify", "reduce_only", "cancel_all", "halt" → the action bit (kActionNone if unknown).
constexpr RiskAction parse_risk_action(std::string_view s) noexcept {
    if (s == "notify") return kActionNotify;
    if (s == "reduce_only") return kActionReduceOnly;
    if (s == "cancel_all") return kActionCancelAll;
    if (s == "halt") return kActionHalt;
    return kActionNone;
}

inline constexpr std::array<std::string_view, 4> kRiskActionNames{"notify", "reduce_only", "cancel_all", "halt"};

// Actions per level, indexed by RiskLevel.
struct RiskLevelPolicy {
    std::array<std::uint8_t, 5> actions{
        kActionNone,                                           // normal
        kActionNotify,                                         // elevated
        kActionNotify | kActionReduceOnly,                     // high
        kActionNotify | kActionReduceOnly | kActionCancelAll,  // severe
        kActionNotify | kActionHalt,                           // halted
    };
    std::uint8_t at(RiskLevel level) const noexcept { return actions[std::size_t(level)]; }
};

}  // namespace trellis::host
