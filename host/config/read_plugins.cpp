#include "config/config_sections.hpp"
#include "config/toml_values.hpp"
#include "config/unique_names.hpp"

namespace trellis::host {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// `plugin` is a registry name ("market_maker") or a .so/.lua file. Files are
// made absolute here so the loader never depends on the working directory.
std::optional<std::string> read_plugin_reference(TableReader& entry) {
    auto plugin = entry.string("plugin", Need::Required);
    if (!plugin) return std::nullopt;
    if (plugin->empty()) {
        entry.error("plugin", "is empty (give a registry name like \"market_maker\" or a .so/.lua file)");
        return std::nullopt;
    }
    if (ends_with(*plugin, ".so") || ends_with(*plugin, ".lua")) return entry.context().resolve_path(*plugin);
    if (plugin->find('/') != std::string::npos) {
        entry.error("plugin", "'" + *plugin +
                                  "' looks like a path but does not end in .so or .lua (give a .so/.lua file "
                                  "or a registry name like \"market_maker\")");
        return std::nullopt;
    }
    return plugin;
}

// Values stay raw (int/float/bool/string); the registry checks them against
// the plugin's own schema and uses `where` to point back here.
std::vector<RawParam> read_params(const TableReader& params) {
    std::vector<RawParam> out;
    for (const auto& [key, node] : params.entries()) {
        const ConfigLocation where = params.context().locate(node.source(), params.key_path(key.str()));
        ParamValue value;
        if (const auto* i = node.as_integer()) {
            value = i->get();
        } else if (const auto* f = node.as_floating_point()) {
            value = f->get();
        } else if (const auto* b = node.as_boolean()) {
            value = b->get();
        } else if (const auto* s = node.as_string()) {
            value = s->get();
        } else {
            params.context().error(where, "expected an int, float, bool or string, got " +
                                              std::string(describe_type(node)) +
                                              " (plugin parameters are single values)");
            continue;
        }
        out.push_back(RawParam{std::string(key.str()), std::move(value), where.to_string()});
    }
    return out;
}

}  // namespace

std::vector<PluginConfig> read_plugin_entries(TableReader& parent, std::string_view key, Need need) {
    std::vector<PluginConfig> plugins;
    UniqueNames names("name", parent.key_path(key));
    for (auto& entry : parent.table_array(key, need)) {
        PluginConfig plugin;
        plugin.where = entry.where();
        if (auto name = entry.string("name", Need::Required)) {
            if (name->empty())
                entry.error("name", "is empty (give this instance a name, e.g. name = \"main\")");
            else if (names.add(*name, entry, "name"))
                plugin.name = std::move(*name);
        }
        if (auto ref = read_plugin_reference(entry)) plugin.plugin = std::move(*ref);
        if (auto enabled = entry.boolean("enabled", Need::Optional)) plugin.enabled = *enabled;
        if (auto params = entry.table("params")) plugin.params = read_params(*params);
        entry.reject_unknown_keys();
        plugins.push_back(std::move(plugin));
    }
    return plugins;
}

}  // namespace trellis::host
