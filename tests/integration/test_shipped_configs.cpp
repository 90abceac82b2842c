// Every configuration in config/ validates and runs as shipped.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace trellis::itest;

TEST(ShippedConfigs, EveryConfigValidatesAndRuns) {
    int seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(TRELLIS_SOURCE_DIR) + "/config")) {
        if (entry.path().extension() != ".toml") continue;
        ++seen;
        const std::string file = "config/" + entry.path().filename().string();
        const auto v = run_trellis("validate " + file);
        EXPECT_EQ(v.exit_code, 0) << file << ": " << v.err;
        const auto r = run_trellis("backtest " + file + " --json");
        ASSERT_EQ(r.exit_code, 0) << file << ": " << r.err;
        const auto j = nlohmann::json::parse(r.out);
        EXPECT_GT(j["events"].get<std::uint64_t>(), 0u) << file;
        EXPECT_GT(j["orders"].get<std::uint64_t>(), 0u) << file << " places no orders: not much of an example";
    }
    EXPECT_GE(seen, 3);
}
