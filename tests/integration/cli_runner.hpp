#pragma once
// Runs the real `trellis` binary and captures what it says.

#include <filesystem>
#include <string>

#include "temp_dir.hpp"

namespace trellis::itest {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `trellis <args>` (args already shell-quoted) from the source root.
CommandResult run_trellis(const std::string& args);

using TempDir = trellis::test::TempDir;

std::string read_file(const std::string& path);

// config/demo.toml with its relative paths made absolute, so a copy can
// live in a temporary directory; LOBSTER files are read from `lobster_dir`
// when given, else from data/samples/lobster.
std::string demo_config_text(const std::string& lobster_dir = "");
void write_file(const std::string& path, const std::string& text);

}  // namespace trellis::itest
