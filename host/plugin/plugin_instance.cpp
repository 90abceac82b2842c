#include "plugin/plugin_instance.hpp"

#include <string>

#include "plugin/concat.hpp"

namespace trellis::host {

Result<PluginPtr<Plugin>> create_plugin_object(const PluginHandle& plugin, const Params& params,
                                               std::string_view where) {
    const PluginManifest& m = *plugin.manifest;
    Status status;
    Plugin* object = m.create(params, &status);
    if (object == nullptr) {
        // Both branches must be views: a ternary of a literal and a std::string
        // would build a temporary string and leave the view dangling.
        const std::string_view reason =
            status.message.empty() ? std::string_view("it gave no reason") : std::string_view(status.message);
        return fail(located(where, concat("cannot create ", to_string(m.kind), " '", m.name, "' from ", plugin.origin(),
                                          ": ", reason)));
    }
    return PluginPtr<Plugin>(object, PluginDeleter(m.destroy, plugin.library));
}

}  // namespace trellis::host
