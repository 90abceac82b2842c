#pragma once
// The one registry of plugins, keyed by (kind, name). Built-in manifests
// (compiled into the host) and loaded libraries live side by side; a
// configuration names a plugin by registry name or by a path to a .so, and
// resolve() turns either into a PluginHandle or a message that says what is
// wrong, where, and how to fix it.

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/plugin_handle.hpp"
#include "trellis/plugin.hpp"
#include "util/error.hpp"

namespace trellis::host {

class PluginRegistry {
public:
    // `search_paths` are the directories searched, in order, for <name>.so.
    explicit PluginRegistry(std::vector<std::filesystem::path> search_paths = {});

    // Registers a manifest compiled into the host (it must outlive the
    // registry; a static constant does). Checked like a loaded one.
    Result<void> add_builtin(const PluginManifest* manifest);

    // Loads a library and registers what it declares, whatever its kind.
    Result<PluginHandle> add_library(const std::filesystem::path& file);

    // Resolves a configuration's plugin reference for an entry that needs a
    // `kind`. `plugin_ref` is a registry name ("market_maker": a registered
    // plugin, else <dir>/market_maker.so from the search paths, first match
    // wins) or a path ending in ".so". `where` ("file:line:col: key.path")
    // prefixes every error. Refuses: a missing file (listing what was tried),
    // every failure of PluginLibrary::load, a plugin of another kind, a
    // library whose declared name differs from the name it was found by, and
    // a second library declaring an already registered (kind, name).
    // On error the registry is unchanged.
    Result<PluginHandle> resolve(PluginKind kind, std::string_view plugin_ref, std::string_view where);

    // The registered plugin (kind, name), or nullptr.
    const PluginHandle* find(PluginKind kind, std::string_view name) const;

    // Every registered plugin, ordered by kind then name.
    std::vector<PluginHandle> plugins() const;

    // Every *.so in the search paths (in search-path order, sorted by file
    // name within a directory) — what `trellis plugins` can offer to load.
    std::vector<std::filesystem::path> library_files() const;

    std::span<const std::filesystem::path> search_paths() const noexcept { return search_paths_; }

private:
    using Key = std::pair<PluginKind, std::string>;

    // Registers `plugin`; the same manifest again (same library reached by
    // another path) yields the existing handle, another one is a duplicate.
    Result<PluginHandle> insert(PluginHandle plugin);
    Result<PluginHandle> resolve_path(PluginKind kind, const std::filesystem::path& file);
    Result<PluginHandle> resolve_name(PluginKind kind, std::string_view name);
    // Why nothing answers to `name`: another kind has it, or the files tried.
    std::string not_found_message(PluginKind kind, std::string_view name,
                                  std::span<const std::filesystem::path> tried) const;

    std::vector<std::filesystem::path> search_paths_;
    std::map<Key, PluginHandle> plugins_;
};

}  // namespace trellis::host
