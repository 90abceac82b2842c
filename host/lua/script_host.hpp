#pragma once
// What a script's ctx and event views reach: the host's context of one plugin
// instance. Every version of a script points here (the ctx functions of each
// lua_State hold its address), so a reloaded version needs no rebinding. Set
// in start(), on the thread that then calls the plugin; read only from calls
// into the script on that same thread.

#include "trellis/context.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::host {

struct ScriptHost {
    Context* context = nullptr;           // every kind, from start()
    RiskContext* risk = nullptr;          // risk rules
    StrategyContext* strategy = nullptr;  // strategies
};

}  // namespace trellis::host
