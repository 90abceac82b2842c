#include "plugin/plugin_library.hpp"

#include <dlfcn.h>

#include <system_error>

#include "plugin/concat.hpp"
#include "plugin/manifest_check.hpp"

namespace trellis::host {

namespace {

// Boost.DLL reports a failed dlopen as a generic error code; the useful text
// ("invalid ELF header", "undefined symbol: x") is only in dlerror(), which
// Boost leaves untouched on that path, so read it right away.
std::string load_failure_text(const boost::dll::fs::error_code& ec) {
    if (const char* text = dlerror()) return text;
    return ec.message();
}

}  // namespace

std::string quoted(const std::filesystem::path& file) { return concat("'", file.string(), "'"); }

PluginLibrary::PluginLibrary(boost::dll::shared_library library, const PluginManifest* manifest,
                             std::filesystem::path path)
    : library_(std::move(library)), manifest_(manifest), path_(std::move(path)) {}

Result<std::shared_ptr<const PluginLibrary>> PluginLibrary::load(const std::filesystem::path& file) {
    std::error_code fs_ec;
    std::filesystem::path path = std::filesystem::absolute(file, fs_ec).lexically_normal();
    if (fs_ec) path = file;
    const std::string name = quoted(path);

    const bool exists = std::filesystem::exists(path, fs_ec);
    if (fs_ec) return fail(concat("cannot access plugin library ", name, ": ", fs_ec.message()));
    if (!exists) return fail(concat("plugin library ", name, " does not exist; check the path or build the plugin"));

    boost::dll::fs::error_code ec;
    dlerror();  // clear any stale error so the text below is about this load
    boost::dll::shared_library library(boost::dll::fs::path(path.string()), ec, boost::dll::load_mode::rtld_now);
    if (ec || !library.is_loaded())
        return fail(concat("cannot load plugin library ", name, ": ", load_failure_text(ec)));

    if (!library.has(kPluginEntrySymbol))
        return fail(concat(name, " is not a Trellis plugin: it does not export '", kPluginEntrySymbol,
                           "'; export one with TRELLIS_PLUGIN(...) from trellis/plugin.hpp"));

    // BOOST_DLL_ALIAS exports a variable holding the function's address.
    PluginEntry& entry = library.get_alias<PluginEntry>(kPluginEntrySymbol);
    const PluginManifest* manifest = entry();
    if (manifest == nullptr)
        return fail(concat(name, ": '", kPluginEntrySymbol,
                           "' returned no manifest (null); the plugin is broken, rebuild it with TRELLIS_PLUGIN(...)"));

    if (auto checked = check_manifest(*manifest, name); !checked) return std::unexpected(checked.error());

    return std::shared_ptr<const PluginLibrary>(new PluginLibrary(std::move(library), manifest, std::move(path)));
}

}  // namespace trellis::host
