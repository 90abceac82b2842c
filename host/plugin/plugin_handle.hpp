#pragma once
// A plugin the registry knows: its manifest plus, for a loaded library, a
// share of that library so the manifest (which lives inside it) stays valid.

#include <memory>
#include <string>
#include <string_view>

#include "plugin/plugin_library.hpp"
#include "trellis/plugin.hpp"

namespace trellis::host {

struct PluginHandle {
    const PluginManifest* manifest = nullptr;
    std::shared_ptr<const PluginLibrary> library;  // null for a plugin compiled into the host

    bool is_builtin() const noexcept { return library == nullptr; }
    // How messages name it: "'/path/x.so'" or "built-in plugin 'x'".
    std::string origin() const;
};

// "<where>: <message>" (on every line of a multi-line message), or just the
// message when there is no location.
std::string located(std::string_view where, std::string message);

// "<origin> is a strategy plugin, but this entry needs an exchange_adapter plugin".
std::string wrong_kind_message(const PluginHandle& plugin, PluginKind wanted);

}  // namespace trellis::host
