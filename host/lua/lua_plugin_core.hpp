#pragma once
// What the three Lua plugin kinds share: the running version of the script,
// the watcher that replaces it, the instance's ScriptHost, the streak of
// errors that disables it, its counters and its logging. Each kind
// (LuaRiskRule, LuaStrategy, LuaAlertSink) owns one and adds only what is
// its own: how a risk rule turns a call into a verdict, which SDK callbacks
// map to which script functions.
//
// Thread use: load() on the thread creating the plugin; everything else on
// the thread that calls the plugin (the engine thread; for alert sinks the
// alert thread), except that the watcher loads new versions on its own.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lua/error_streak.hpp"
#include "lua/lua_program.hpp"
#include "lua/script_watcher.hpp"
#include "trellis/metrics.hpp"

namespace trellis::host {

class LuaPluginCore {
public:
    LuaPluginCore(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits, Logger& logger,
                  const ScriptKind& kind);
    ~LuaPluginCore();
    LuaPluginCore(const LuaPluginCore&) = delete;
    LuaPluginCore& operator=(const LuaPluginCore&) = delete;

    // Loads the first version and, with hot reload on, starts the watcher.
    Result<void> load();

    // Binds the context (risk/strategy are the same object seen through the
    // kind's interface, or null), obtains the counters and runs on_start(ctx).
    Status start(Context& context, RiskContext* risk, StrategyContext* strategy);
    // Runs on_stop(ctx) and stops watching the file.
    void stop() noexcept;

    // At the start of every call: swaps in a newly loaded version, if any.
    void adopt_new_version_if_any() noexcept {
        if (watcher_ && watcher_->has_new_version()) [[unlikely]]
            adopt_new_version();
    }
    LuaProgram& program() noexcept { return *program_; }
    const LuaProgram& program() const noexcept { return *program_; }

    // --- after a call ---
    void record_success() noexcept { streak_.record_success(); }
    // Counts and logs a failed call; true exactly when it disables the instance.
    bool record_error(std::string_view message) noexcept;
    bool disabled() const noexcept { return streak_.tripped(); }
    const ErrorStreak& streak() const noexcept { return streak_; }

    // --- the SDK callbacks kinds share: write the view, call the function if the script has it ---
    void deliver_market(const MarketEvent& event) noexcept;  // Quote -> on_quote, Trade -> on_trade
    void deliver_order_update(const OrderUpdate& update) noexcept;
    void deliver_timer(const TimerEvent& timer) noexcept;
    void deliver_alert(const Alert& alert) noexcept;

    // Plugin::snapshot() / restore() through the script's snapshot()/restore(state).
    std::vector<std::byte> snapshot() const;
    Status restore(std::span<const std::byte> state);

    // Logs through the context once started, else through the host log.
    void log(LogLevel level, std::string_view message) const noexcept;

    const ScriptWatcher* watcher() const noexcept { return watcher_.get(); }
    const std::string& path() const noexcept { return settings_.path; }

private:
    void adopt_new_version() noexcept;
    void carry_state(LuaProgram& from, LuaProgram& to) noexcept;
    void call_event(Callback callback, ViewKind view) noexcept;

    ScriptSettings settings_;
    ScriptHost host_;
    std::string log_source_;
    std::unique_ptr<LuaProgram> program_;
    ErrorStreak streak_;
    Counter fallback_counter_;  // until start() provides the host's
    Counter* errors_ = &fallback_counter_;
    Counter* reloads_ = &fallback_counter_;
    Counter* disables_ = &fallback_counter_;
    std::unique_ptr<ScriptWatcher> watcher_;  // last: its thread loads into settings_/host_
};

}  // namespace trellis::host
