#pragma once
// Hot reload of one script file. A watcher thread re-reads the file every
// poll interval; when the text differs from the last version it tried, it
// loads and checks the new version right there, off the engine thread, and
// publishes it. The thread that calls the plugin (the engine thread) takes it
// at the start of its next call — one atomic load per call when nothing is
// pending — and hands the replaced version back, which the watcher destroys
// on its next poll, again off the engine thread.
//
// A changed text is loaded once it has stayed the same for one poll interval,
// so a file caught half-written is not loaded. A text that does not load is
// logged ("path:line: why") and the running version stays; it is not retried
// until the text changes again.
//
// Hand-over without locks: `pending_` is a single slot the watcher fills with
// exchange (destroying a version the engine never took) and the engine empties
// with exchange; replaced versions go onto a lock-free list (push by CAS on
// the engine thread, take-all by exchange on the watcher thread).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

#include "lua/lua_program.hpp"
#include "util/logger.hpp"

namespace trellis::host {

class ScriptWatcher {
public:
    using Loader = std::function<Result<std::unique_ptr<LuaProgram>>(std::string_view source)>;

    // Starts watching `path`, whose current text `loaded_source` is already running.
    ScriptWatcher(std::string path, std::string loaded_source, Duration poll, Loader loader, Logger& logger,
                  std::string log_source);
    // Stops the thread, then destroys any version not taken or not yet destroyed.
    ~ScriptWatcher();
    ScriptWatcher(const ScriptWatcher&) = delete;
    ScriptWatcher& operator=(const ScriptWatcher&) = delete;

    // --- the calling (engine) thread ---
    // True when a new version waits: one atomic load.
    bool has_new_version() const noexcept { return pending_.load(std::memory_order_acquire) != nullptr; }
    // The waiting version, or null.
    std::unique_ptr<LuaProgram> take_new_version() noexcept {
        return std::unique_ptr<LuaProgram>(pending_.exchange(nullptr, std::memory_order_acq_rel));
    }
    // Hands a replaced version back for destruction off this thread.
    void retire(std::unique_ptr<LuaProgram> old) noexcept;

    // Stops watching (idempotent); pending and retired versions are destroyed by the destructor.
    void stop() noexcept;

    // --- diagnostics (any thread) ---
    std::uint64_t versions_published() const noexcept { return published_.load(std::memory_order_relaxed); }
    std::uint64_t load_failures() const noexcept { return failures_.load(std::memory_order_relaxed); }
    std::string last_error() const;

private:
    void run(std::stop_token stop);
    void poll_once();
    void destroy_retired() noexcept;

    const std::string path_;
    std::string last_tried_;  // watcher thread only: the text last loaded or refused
    std::string last_seen_;   // watcher thread only: the text read at the previous poll
    const std::chrono::nanoseconds poll_;
    const Loader loader_;
    Logger& logger_;
    const std::string log_source_;

    std::atomic<LuaProgram*> pending_{nullptr};
    std::atomic<LuaProgram*> retired_{nullptr};
    std::atomic<std::uint64_t> published_{0};
    std::atomic<std::uint64_t> failures_{0};
    mutable std::mutex error_mutex_;
    std::string last_error_;

    std::mutex wait_mutex_;
    std::condition_variable_any wait_;
    std::jthread thread_;  // last: starts once everything above exists
};

}  // namespace trellis::host
