#pragma once
// Polls a condition until it holds or a timeout passes: for tests that wait
// on another process or thread (a writer delivering, a server starting)
// without fixed sleeps. Returns whether the condition held.

#include <chrono>
#include <functional>
#include <thread>

namespace trellis::test {

inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30),
                       std::chrono::milliseconds step = std::chrono::milliseconds(50)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(step);
    }
    return condition();
}

}  // namespace trellis::test
