#include "cli_support.hpp"

#include <unistd.h>

#include <iostream>

namespace trellis::cli {

std::vector<std::filesystem::path> default_plugin_paths() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return {exe.parent_path().parent_path() / "plugins"};
}

void print_error(std::string_view message) { std::cerr << "error: " << message << '\n'; }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

}  // namespace trellis::cli
