#pragma once
// Watches for a kill file named in config: when the file exists, the kill
// switch is requested. Polls with stat(2) from its own thread (a missing file
// is the normal state, which inotify cannot watch without its directory, and a
// poll of a few milliseconds is far below any human reaction time).

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "kernel/kill_switch.hpp"

namespace trellis::host {

class KillFileWatcher {
public:
    // Looks once before returning, so a file that is already there engages the
    // switch before the first event, whatever the thread scheduler does.
    KillFileWatcher(std::filesystem::path file, std::chrono::milliseconds poll, KillSwitch& kill)
        : file_(std::move(file)),
          poll_(poll),
          kill_(kill),
          thread_((look(), [this](std::stop_token stop) { watch(stop); })) {}
    ~KillFileWatcher() {
        thread_.request_stop();
        wake_.notify_all();
    }
    KillFileWatcher(const KillFileWatcher&) = delete;
    KillFileWatcher& operator=(const KillFileWatcher&) = delete;

private:
    void look() {
        std::error_code ec;
        if (std::filesystem::exists(file_, ec)) kill_.request("kill file " + file_.string() + " exists");
    }
    void watch(std::stop_token stop) {
        std::mutex m;
        std::unique_lock lock(m);
        while (!wake_.wait_for(lock, stop, poll_, [] { return false; }) && !stop.stop_requested()) look();
    }

    std::filesystem::path file_;
    std::chrono::milliseconds poll_;
    KillSwitch& kill_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last: starts after everything it uses exists
};

}  // namespace trellis::host
