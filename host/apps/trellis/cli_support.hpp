#pragma once
// Small things every subcommand needs.

#include <filesystem>
#include <string_view>
#include <vector>

namespace trellis::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Plugins shipped with this build: <dir of the trellis binary>/../plugins.
std::vector<std::filesystem::path> default_plugin_paths();

// Prints "error: <message>" to stderr.
void print_error(std::string_view message);

// True when stdout is a terminal (progress bars, colours).
bool stdout_is_terminal();

}  // namespace trellis::cli
