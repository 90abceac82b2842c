#pragma once
// Small things every subcommand needs.

#include <string_view>

namespace trellis::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Prints "error: <message>" to stderr.
void print_error(std::string_view message);

// True when stdout is a terminal (progress bars, colours).
bool stdout_is_terminal();

}  // namespace trellis::cli
