#pragma once
// One loaded plugin shared library. Shared (std::shared_ptr) by the registry
// and by every object the library created, so the code behind those objects
// stays mapped until the last of them is destroyed.

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>

#include "trellis/plugin.hpp"
#include "util/error.hpp"

namespace trellis::host {

class PluginLibrary {
public:
    // Loads `file` and refuses it, naming the file and the cause, when (in
    // this order) it does not exist, dlopen fails (the dlerror text is shown),
    // it does not export `trellis_plugin_entry`, the entry returns no
    // manifest, or check_manifest() fails (ABI, build id, sanity).
    // Symbols are bound at load time (RTLD_NOW) so an unresolved symbol is a
    // load error here, not a crash in the middle of a run.
    static Result<std::shared_ptr<const PluginLibrary>> load(const std::filesystem::path& file);

    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;

    // Valid while this object lives.
    const PluginManifest& manifest() const noexcept { return *manifest_; }
    // Absolute, lexically normal path of the library file.
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    PluginLibrary(boost::dll::shared_library library, const PluginManifest* manifest, std::filesystem::path path);

    boost::dll::shared_library library_;  // unloads (dlclose) on destruction
    const PluginManifest* manifest_;      // points into library_
    std::filesystem::path path_;
};

// "'<path>'": how messages name a library file.
std::string quoted(const std::filesystem::path& file);

}  // namespace trellis::host
