#include "lua/script_watcher.hpp"

#include <fstream>
#include <sstream>

namespace trellis::host {

namespace {

// The file's text, or false when it cannot be read right now (e.g. an editor
// is replacing it): the watcher then just tries again at the next poll.
bool read_text(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return false;
    out = std::move(text).str();
    return true;
}

}  // namespace

ScriptWatcher::ScriptWatcher(std::string path, std::string loaded_source, Duration poll, Loader loader, Logger& logger,
                             std::string log_source)
    : path_(std::move(path)),
      last_tried_(std::move(loaded_source)),
      poll_(std::chrono::nanoseconds(poll > 0 ? poll : 1'000'000)),
      loader_(std::move(loader)),
      logger_(logger),
      log_source_(std::move(log_source)),
      thread_([this](std::stop_token stop) { run(stop); }) {}

ScriptWatcher::~ScriptWatcher() {
    stop();
    delete pending_.exchange(nullptr);
    destroy_retired();
}

void ScriptWatcher::stop() noexcept {
    if (!thread_.joinable()) return;
    thread_.request_stop();  // wakes the wait below through its stop_token
    thread_.join();
}

void ScriptWatcher::retire(std::unique_ptr<LuaProgram> old) noexcept {
    LuaProgram* node = old.release();
    if (node == nullptr) return;
    node->retired_next = retired_.load(std::memory_order_relaxed);
    while (!retired_.compare_exchange_weak(node->retired_next, node, std::memory_order_release,
                                           std::memory_order_relaxed)) {
    }
}

void ScriptWatcher::destroy_retired() noexcept {
    LuaProgram* node = retired_.exchange(nullptr, std::memory_order_acquire);
    while (node != nullptr) {
        LuaProgram* next = node->retired_next;
        delete node;
        node = next;
    }
}

std::string ScriptWatcher::last_error() const {
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

void ScriptWatcher::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        destroy_retired();
        poll_once();
        std::unique_lock lock(wait_mutex_);
        wait_.wait_for(lock, stop, poll_, [] { return false; });
    }
}

void ScriptWatcher::poll_once() {
    std::string text;
    if (!read_text(path_, text) || text == last_tried_) return;
    // Load a text only once it has stayed the same for a whole poll interval:
    // an editor that writes in place may be caught half-way.
    const bool settled = text == last_seen_;
    last_seen_ = text;
    if (!settled) return;
    last_tried_ = text;
    auto loaded = loader_(text);
    if (!loaded) {
        failures_.fetch_add(1, std::memory_order_relaxed);
        {
            std::lock_guard lock(error_mutex_);
            last_error_ = loaded.error().message;
        }
        logger_.log(LogLevel::Error, log_source_,
                    "the edited script does not load; the previous version keeps running: " + loaded.error().message);
        return;
    }
    // A version published earlier and never taken is simply superseded.
    delete pending_.exchange(loaded->release(), std::memory_order_acq_rel);
    published_.fetch_add(1, std::memory_order_relaxed);
    logger_.log(LogLevel::Info, log_source_, path_ + ": loaded the edited script; it takes over at the next event");
}

}  // namespace trellis::host
