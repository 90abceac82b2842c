#pragma once
// Shared setup of the Lua plugin tests: scripts written to a fresh temporary
// directory, a FakeContext with one instrument, order intents built from
// human numbers, and waiting for the real watcher thread.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "fake_context.hpp"
#include "lua/lua_limits.hpp"
#include "trellis/risk_rule.hpp"
#include "util/logger.hpp"

namespace trellis::host::lua_test {

// AMZN: prices in cents (2 decimals, tick 0.01), whole shares (lot 1).
inline fakes::FakeContext make_context() { return fakes::FakeContext({fakes::make_instrument(0, "AMZN", 2, 0, 1, 1)}); }

// A fresh directory under the system temp dir, removed with everything in it.
class ScriptDir {
public:
    ScriptDir() {
        std::random_device seed;
        path_ = std::filesystem::temp_directory_path() / ("trellis_lua_" + std::to_string(seed()));
        std::filesystem::create_directories(path_);
    }
    ~ScriptDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    // Writes `text` to `name` and returns its path. Replaces the file in one
    // step (write beside, then rename), as editors do, so the watcher thread
    // never reads it half-written.
    std::string write(const std::string& name, const std::string& text) const {
        const auto file = path_ / name;
        const auto staging = path_ / (name + ".saving");
        std::ofstream(staging, std::ios::binary | std::ios::trunc) << text;
        std::filesystem::rename(staging, file);
        return file.string();
    }

private:
    std::filesystem::path path_;
};

// Limits with a fast watcher so reload tests take milliseconds.
inline LuaLimits test_limits() {
    LuaLimits limits;
    limits.reload_poll = 5'000'000;  // 5 ms
    return limits;
}

inline LuaLimits no_reload_limits() {
    LuaLimits limits;
    limits.hot_reload = false;
    return limits;
}

// A new limit order for AMZN at `price` dollars for `qty` shares.
inline OrderIntent limit_order(Side side, double price, std::int64_t qty) {
    OrderIntent intent;
    intent.action = OrderIntent::Action::New;
    intent.id = 1;
    intent.request.instrument = 0;
    intent.request.side = side;
    intent.request.type = OrderType::Limit;
    intent.request.price = Price{std::llround(price * 100)};
    intent.request.qty = Quantity{qty};
    return intent;
}

inline OrderIntent market_order(Side side, std::int64_t qty) {
    OrderIntent intent = limit_order(side, 0, qty);
    intent.request.type = OrderType::Market;
    return intent;
}

// Polls `done` until it holds or 5 s pass; false on timeout.
inline bool eventually(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return done();
}

inline std::string source_path(const std::string& relative) { return std::string(TRELLIS_SOURCE_DIR) + "/" + relative; }

}  // namespace trellis::host::lua_test
