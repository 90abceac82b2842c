#include "config/config_sections.hpp"

namespace trellis::host {

void read_host_section(TableReader& root, HostConfig& config) {
    auto host = root.table("host");
    if (!host) return;
    if (auto id = host->string("id", Need::Optional)) {
        if (id->empty())
            host->error("id", "is empty (give the host a name, e.g. id = \"demo\")");
        else
            config.host_id = std::move(*id);
    }
    if (auto paths = host->string_array("plugin_paths")) {
        for (const auto& p : *paths) config.plugin_paths.push_back(host->context().resolve_path(p));
    }
    host->reject_unknown_keys();
}

}  // namespace trellis::host
