#include "plugin/plugin_registry.hpp"

#include <algorithm>
#include <system_error>

#include "plugin/concat.hpp"
#include "plugin/manifest_check.hpp"
#include "plugin/plugin_library.hpp"
#include "util/suggest.hpp"

namespace trellis::host {

namespace {

constexpr std::string_view kLibrarySuffix = ".so";

bool is_library_path(std::string_view ref) noexcept { return ref.ends_with(kLibrarySuffix); }

std::string join_paths(std::span<const std::filesystem::path> paths) {
    std::string out;
    for (const auto& p : paths) {
        if (!out.empty()) out += ", ";
        out += p.string();
    }
    return out;
}

// Loads a library and checks it is of `kind`; does not register it.
Result<PluginHandle> load_of_kind(PluginKind kind, const std::filesystem::path& file) {
    auto library = PluginLibrary::load(file);
    if (!library) return std::unexpected(library.error());
    PluginHandle plugin{&(*library)->manifest(), std::move(*library)};
    if (plugin.manifest->kind != kind) return fail(wrong_kind_message(plugin, kind));
    return plugin;
}

}  // namespace

PluginRegistry::PluginRegistry(std::vector<std::filesystem::path> search_paths)
    : search_paths_(std::move(search_paths)) {}

Result<void> PluginRegistry::add_builtin(const PluginManifest* manifest) {
    if (manifest == nullptr) return fail("built-in plugin: null manifest");
    PluginHandle plugin{manifest, nullptr};
    if (auto checked = check_manifest(*manifest, plugin.origin()); !checked) return std::unexpected(checked.error());
    auto inserted = insert(std::move(plugin));
    if (!inserted) return std::unexpected(inserted.error());
    return {};
}

Result<PluginHandle> PluginRegistry::add_library(const std::filesystem::path& file) {
    auto library = PluginLibrary::load(file);
    if (!library) return std::unexpected(library.error());
    const PluginManifest* manifest = &(*library)->manifest();
    return insert(PluginHandle{manifest, std::move(*library)});
}

Result<PluginHandle> PluginRegistry::insert(PluginHandle plugin) {
    Key key{plugin.manifest->kind, plugin.manifest->name};
    const auto found = plugins_.find(key);
    if (found == plugins_.end()) return plugins_.emplace(std::move(key), std::move(plugin)).first->second;
    // dlopen hands out one mapping per file, so the same manifest address
    // means the same library reached again (another path, a symlink).
    if (found->second.manifest == plugin.manifest) return found->second;
    return fail(concat("duplicate ", to_string(key.first), " plugin '", key.second, "': declared by ",
                       found->second.origin(), " and by ", plugin.origin(),
                       "; remove one of them or give one another name"));
}

Result<PluginHandle> PluginRegistry::resolve(PluginKind kind, std::string_view plugin_ref, std::string_view where) {
    Result<PluginHandle> resolved = is_library_path(plugin_ref) ? resolve_path(kind, std::filesystem::path(plugin_ref))
                                                                : resolve_name(kind, plugin_ref);
    if (!resolved) return fail(located(where, std::move(resolved.error().message)));
    return resolved;
}

Result<PluginHandle> PluginRegistry::resolve_path(PluginKind kind, const std::filesystem::path& file) {
    auto plugin = load_of_kind(kind, file);
    if (!plugin) return plugin;
    return insert(std::move(*plugin));
}

Result<PluginHandle> PluginRegistry::resolve_name(PluginKind kind, std::string_view name) {
    if (name.empty()) return fail("empty plugin reference; give a registry name or a path ending in .so");
    if (const PluginHandle* known = find(kind, name)) return *known;
    if (name.find_first_of("/.") != std::string_view::npos)
        return fail(concat("'", name, "' is neither a registry name nor a path ending in .so"));

    std::vector<std::filesystem::path> tried;
    const std::string file_name = concat(name, kLibrarySuffix);
    for (const auto& dir : search_paths_) {
        tried.push_back(dir / file_name);
        std::error_code ec;
        if (!std::filesystem::exists(tried.back(), ec)) continue;

        auto plugin = load_of_kind(kind, tried.back());
        if (!plugin) return plugin;
        if (plugin->manifest->name != name)
            return fail(concat(plugin->origin(), " declares plugin '", plugin->manifest->name, "', not '", name,
                               "'; rename the file to ", plugin->manifest->name, kLibrarySuffix,
                               " or refer to it by its path"));
        return insert(std::move(*plugin));
    }
    return fail(not_found_message(kind, name, tried));
}

std::string PluginRegistry::not_found_message(PluginKind kind, std::string_view name,
                                              std::span<const std::filesystem::path> tried) const {
    for (const auto& [key, plugin] : plugins_)
        if (key.second == name) return wrong_kind_message(plugin, kind);

    // Suggest among what could have been meant: registered names of this
    // kind and library files on the search paths.
    std::vector<std::string> names;
    for (const auto& [key, plugin] : plugins_)
        if (key.first == kind) names.push_back(key.second);
    for (const auto& file : library_files()) names.push_back(file.stem().string());
    const std::vector<std::string_view> candidates(names.begin(), names.end());

    std::string message = concat("no ", to_string(kind), " plugin named '", name, "'", did_you_mean(name, candidates),
                                 ": it is not built in");
    if (search_paths_.empty())
        message += " and no plugin search paths are configured; add a plugin path or give a path ending in .so";
    else
        message += concat(" and none of these files exists: ", join_paths(tried),
                          "; put the library in one of these directories or give a path ending in .so");
    return message;
}

const PluginHandle* PluginRegistry::find(PluginKind kind, std::string_view name) const {
    const auto found = plugins_.find(Key{kind, std::string(name)});
    return found == plugins_.end() ? nullptr : &found->second;
}

std::vector<PluginHandle> PluginRegistry::plugins() const {
    std::vector<PluginHandle> out;
    out.reserve(plugins_.size());
    for (const auto& [key, plugin] : plugins_) out.push_back(plugin);
    return out;
}

std::vector<std::filesystem::path> PluginRegistry::library_files() const {
    std::vector<std::filesystem::path> out;
    for (const auto& dir : search_paths_) {
        std::vector<std::filesystem::path> here;
        std::error_code ec;
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == kLibrarySuffix) here.push_back(it->path());
        std::sort(here.begin(), here.end());
        out.insert(out.end(), here.begin(), here.end());
    }
    return out;
}

}  // namespace trellis::host
