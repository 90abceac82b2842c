#pragma once
// Helpers shared by the config tests: parse inline TOML as if it were a file
// at the source root (so relative paths reach data/samples), and get the
// error text of a config that must fail.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.hpp"

namespace trellis::host::testing {

// The name inline configs are reported under; its directory is the source root.
inline const std::string kInlineFile = std::string(TRELLIS_SOURCE_DIR) + "/inline.toml";

// An adapter and an instrument that are valid; tests append the part under test.
// Lines 1..9.
inline constexpr std::string_view kValidHead =
    "[[adapters]]\n"         // 1
    "name = \"sim\"\n"       // 2
    "plugin = \"sim_ex\"\n"  // 3
    "[[instruments]]\n"      // 4
    "symbol = \"AMZN\"\n"    // 5
    "price_decimals = 2\n"   // 6
    "qty_decimals = 0\n"     // 7
    "tick_size = 0.01\n"     // 8
    "lot_size = 1\n";        // 9

inline Result<HostConfig> parse_inline(std::string_view text, std::vector<std::string> overrides = {}) {
    return parse_config(text, kInlineFile, overrides);
}

// The error message of a config that must not load ("" and a test failure if it loads).
inline std::string errors_of(std::string_view text, std::vector<std::string> overrides = {}) {
    const auto result = parse_inline(text, std::move(overrides));
    EXPECT_FALSE(result.has_value()) << "config unexpectedly loaded:\n" << text;
    return result ? std::string{} : result.error().message;
}

// "<kInlineFile>:LINE:COL: " — the prefix of one error line.
inline std::string at(int line, int column) {
    return kInlineFile + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

}  // namespace trellis::host::testing
