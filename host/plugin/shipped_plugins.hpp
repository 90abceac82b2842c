#pragma once
// Where the plugins built with this host live: <dir of the running binary>/../plugins
// (build/bin/trellis → build/plugins). Searched after any configured plugin_paths.

#include <filesystem>
#include <vector>

namespace trellis::host {

// Empty if the running binary cannot be located.
inline std::vector<std::filesystem::path> shipped_plugin_paths() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return {exe.parent_path().parent_path() / "plugins"};
}

}  // namespace trellis::host
