#include "lua/lua_plugin_core.hpp"

#include <cstdio>
#include <fstream>
#include <lua.hpp>
#include <sstream>

namespace trellis::host {

namespace {

Result<std::string> read_script(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot open the Lua script (does the file exist and is it readable?)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(path + ": cannot read the Lua script");
    return std::move(text).str();
}

}  // namespace

LuaPluginCore::LuaPluginCore(const std::string& path, std::span<const RawParam> params, const LuaLimits& limits,
                             Logger& logger, const ScriptKind& kind)
    : settings_{path, &kind, std::vector<RawParam>(params.begin(), params.end()), limits, &logger, &host_},
      log_source_("lua:" + path),
      streak_(limits.max_consecutive_errors) {}

LuaPluginCore::~LuaPluginCore() {
    watcher_.reset();  // joins the thread before the state it loads into goes away
}

Result<void> LuaPluginCore::load() {
    auto source = read_script(settings_.path);
    if (!source) return std::unexpected(source.error());
    auto program = LuaProgram::load(settings_, *source);
    if (!program) return std::unexpected(program.error());
    program_ = std::move(*program);
    if (settings_.limits.hot_reload) {
        watcher_ = std::make_unique<ScriptWatcher>(
            settings_.path, std::move(*source), settings_.limits.reload_poll,
            [this](std::string_view text) { return LuaProgram::load(settings_, text); }, *settings_.logger,
            log_source_);
    }
    return {};
}

Status LuaPluginCore::start(Context& context, RiskContext* risk, StrategyContext* strategy) {
    host_ = ScriptHost{&context, risk, strategy};
    try {
        errors_ = &context.counter("lua_errors");
        reloads_ = &context.counter("lua_reloads");
        disables_ = &context.counter("lua_disabled");
    } catch (const std::exception& e) {
        return Status::error(StatusCode::Internal, settings_.path + ": cannot create counters: " + e.what());
    }
    adopt_new_version_if_any();
    program_->anchor_symbols(context);
    if (!program_->has(Callback::OnStart)) return Status::ok();
    program_->push_callback(Callback::OnStart);
    program_->push_ctx();
    if (!program_->call(1, 0))
        return Status::error(StatusCode::InvalidArgument, "on_start failed: " + std::string(program_->error()));
    return Status::ok();
}

void LuaPluginCore::stop() noexcept {
    if (host_.context != nullptr && program_) adopt_new_version_if_any();
    if (host_.context != nullptr && program_ && program_->has(Callback::OnStop)) {
        program_->push_callback(Callback::OnStop);
        program_->push_ctx();
        if (!program_->call(1, 0)) record_error(program_->error());
    }
    if (watcher_) watcher_->stop();
}

void LuaPluginCore::log(LogLevel level, std::string_view message) const noexcept {
    if (host_.context != nullptr)
        host_.context->log(level, message);
    else
        settings_.logger->log(level, log_source_, message);
}

bool LuaPluginCore::record_error(std::string_view message) noexcept {
    errors_->add();
    const bool tripped = streak_.record_error();
    // Log the errors leading up to the trip and the trip itself, then stay
    // quiet: a broken script must not flood the log from the engine thread.
    if (streak_.length() > streak_.limit()) return false;
    char line[640];
    std::snprintf(line, sizeof line, "Lua error %d of %d in a row: %.*s", streak_.length(), streak_.limit(),
                  int(message.size()), message.data());
    log(LogLevel::Error, line);
    if (tripped) {
        disables_->add();
        std::snprintf(line, sizeof line, "%s: %d errors in a row; %.*s until the file is reloaded successfully",
                      settings_.path.c_str(), streak_.limit(), int(settings_.kind->when_disabled.size()),
                      settings_.kind->when_disabled.data());
        log(LogLevel::Error, line);
    }
    return tripped;
}

void LuaPluginCore::adopt_new_version() noexcept {
    std::unique_ptr<LuaProgram> next = watcher_->take_new_version();
    if (!next) return;
    try {
        if (host_.context != nullptr) next->anchor_symbols(*host_.context);
        carry_state(*program_, *next);
    } catch (const std::exception& e) {
        log(LogLevel::Error, e.what());
    }
    program_.swap(next);
    watcher_->retire(std::move(next));
    streak_.reset();
    reloads_->add();
}

// Old version's snapshot() → new version's restore(state), when both opt in.
void LuaPluginCore::carry_state(LuaProgram& from, LuaProgram& to) noexcept {
    if (!from.has(Callback::Snapshot) || !to.has(Callback::Restore)) return;
    auto state = from.snapshot();
    if (!state) {
        log(LogLevel::Error, "reload: the new version starts without the old state: " + state.error().message);
        return;
    }
    if (auto restored = to.restore(*state); !restored) log(LogLevel::Error, "reload: " + restored.error().message);
}

void LuaPluginCore::call_event(Callback callback, ViewKind view) noexcept {
    LuaProgram& p = *program_;
    p.push_callback(callback);
    p.push_view(view);
    p.push_ctx();
    if (p.call(2, 0))
        record_success();
    else
        record_error(p.error());
}

void LuaPluginCore::deliver_market(const MarketEvent& event) noexcept {
    adopt_new_version_if_any();
    if (disabled()) return;
    if (event.type == MarketEventType::Quote && program_->has(Callback::OnQuote)) {
        *program_->views().quote = event;
        call_event(Callback::OnQuote, ViewKind::Quote);
    } else if (event.type == MarketEventType::Trade && program_->has(Callback::OnTrade)) {
        *program_->views().trade = event;
        call_event(Callback::OnTrade, ViewKind::Trade);
    }
}

void LuaPluginCore::deliver_order_update(const OrderUpdate& update) noexcept {
    adopt_new_version_if_any();
    if (disabled() || !program_->has(Callback::OnOrder)) return;
    *program_->views().update = update;
    call_event(Callback::OnOrder, ViewKind::Update);
}

void LuaPluginCore::deliver_alert(const Alert& alert) noexcept {
    adopt_new_version_if_any();
    if (disabled()) return;
    *program_->views().alert = alert;
    call_event(Callback::OnAlert, ViewKind::Alert);
}

void LuaPluginCore::deliver_timer(const TimerEvent& timer) noexcept {
    adopt_new_version_if_any();
    if (disabled() || !program_->has(Callback::OnTimer)) return;
    LuaProgram& p = *program_;
    p.push_callback(Callback::OnTimer);
    p.push_ctx();
    lua_pushinteger(p.state(), lua_Integer(timer.token));
    if (p.call(2, 0))
        record_success();
    else
        record_error(p.error());
}

std::vector<std::byte> LuaPluginCore::snapshot() const {
    auto state = program_->snapshot();
    if (state) return std::move(*state);
    log(LogLevel::Error, "snapshot: " + state.error().message);
    return {};
}

Status LuaPluginCore::restore(std::span<const std::byte> state) {
    if (auto restored = program_->restore(state); !restored)
        return Status::error(StatusCode::InvalidArgument, restored.error().message);
    return Status::ok();
}

}  // namespace trellis::host
