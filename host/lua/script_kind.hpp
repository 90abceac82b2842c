#pragma once
// What the table a script returns may and must hold, per plugin kind: the one
// place the three kinds differ at load time (docs/lua.md, "The three kinds").

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "trellis/plugin.hpp"

namespace trellis::host {

// The functions a script may define in its table.
enum class Callback : std::uint8_t {
    Check,     // risk rule: check(order, ctx) -> true | false, reason
    OnStart,   // on_start(ctx)
    OnStop,    // on_stop(ctx)
    OnQuote,   // on_quote(quote, ctx)
    OnTrade,   // on_trade(trade, ctx)
    OnOrder,   // on_order(update, ctx)
    OnTimer,   // on_timer(ctx, token)
    OnAlert,   // alert sink: on_alert(alert, ctx)
    Snapshot,  // snapshot() -> plain value carried to the next version
    Restore,   // restore(state)
};
inline constexpr std::size_t kCallbackCount = 10;

constexpr std::string_view callback_name(Callback c) noexcept {
    constexpr std::array<std::string_view, kCallbackCount> names = {"check",    "on_start", "on_stop",  "on_quote",
                                                                    "on_trade", "on_order", "on_timer", "on_alert",
                                                                    "snapshot", "restore"};
    return names[std::size_t(c)];
}

struct ScriptKind {
    PluginKind kind;
    std::span<const Callback> allowed;   // besides `name` and `params`
    std::span<const Callback> required;  // each must be present
    bool needs_some_callback;            // at least one allowed callback must be present
    std::string_view example;            // the shape of a minimal table, for messages
    std::string_view when_disabled;      // what happens after max_consecutive_errors errors in a row
};

namespace script_kinds {
inline constexpr Callback kRiskAllowed[] = {Callback::Check,   Callback::OnStart,  Callback::OnStop,
                                            Callback::OnQuote, Callback::OnTrade,  Callback::OnOrder,
                                            Callback::OnTimer, Callback::Snapshot, Callback::Restore};
inline constexpr Callback kRiskRequired[] = {Callback::Check};
inline constexpr Callback kStrategyAllowed[] = {Callback::OnStart,  Callback::OnStop,  Callback::OnQuote,
                                                Callback::OnTrade,  Callback::OnOrder, Callback::OnTimer,
                                                Callback::Snapshot, Callback::Restore};
inline constexpr Callback kAlertAllowed[] = {Callback::OnAlert, Callback::OnStart, Callback::OnStop, Callback::Snapshot,
                                             Callback::Restore};
inline constexpr Callback kAlertRequired[] = {Callback::OnAlert};
}  // namespace script_kinds

inline constexpr ScriptKind kRiskRuleScript{PluginKind::RiskRule,
                                            script_kinds::kRiskAllowed,
                                            script_kinds::kRiskRequired,
                                            false,
                                            "return { name = \"...\", params = { ... }, check = function(order, "
                                            "ctx) return true end }",
                                            "the rule is quarantined: it rejects every order and reports risk level "
                                            "severe"};
inline constexpr ScriptKind kStrategyScript{PluginKind::Strategy,
                                            script_kinds::kStrategyAllowed,
                                            {},
                                            true,
                                            "return { name = \"...\", params = { ... }, on_quote = function(q, "
                                            "ctx) ... end }",
                                            "the strategy is stopped: it receives no events and places no orders"};
inline constexpr ScriptKind kAlertSinkScript{PluginKind::AlertSink,
                                             script_kinds::kAlertAllowed,
                                             script_kinds::kAlertRequired,
                                             false,
                                             "return { name = \"...\", on_alert = function(alert, ctx) ... end }",
                                             "the sink is muted: it receives no alerts"};

}  // namespace trellis::host
