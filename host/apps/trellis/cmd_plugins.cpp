// trellis plugins [--path DIR ...] — lists the plugins found and their parameters.

#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "plugin/describe.hpp"
#include "plugin/plugin_registry.hpp"
#include "plugin/shipped_plugins.hpp"

namespace trellis::cli {

namespace {
int run(const std::vector<std::string>& extra) {
    std::vector<std::filesystem::path> paths(extra.begin(), extra.end());
    for (auto& p : host::shipped_plugin_paths()) paths.push_back(p);
    host::PluginRegistry registry(paths);
    int rc = kExitOk;
    for (const auto& file : registry.library_files()) {
        auto handle = registry.add_library(file);
        if (!handle) {
            print_error(handle.error().message);
            rc = kExitBadInput;
            continue;
        }
        std::cout << host::describe(*handle->manifest, handle->origin()) << '\n';
    }
    return rc;
}
}  // namespace

void add_plugins_command(CLI::App& app, int& exit_code) {
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("plugins", "List available plugins and their parameters");
    cmd->add_option("--path", *paths, "Also search this directory (repeatable)");
    cmd->callback([paths, &exit_code] { exit_code = run(*paths); });
}

}  // namespace trellis::cli
