#include "config/schema_context.hpp"

#include <algorithm>

namespace trellis::host {

SchemaContext::SchemaContext(std::string file, ConfigErrors& errors)
    : file_(std::move(file)), directory_(std::filesystem::absolute(file_).parent_path()), errors_(&errors) {}

ConfigLocation SchemaContext::locate(const toml::source_region& region, std::string key_path) const {
    if (region.path && *region.path != file_) return ConfigLocation{*region.path, 0, 0, std::move(key_path)};
    // An empty document has no positions; point at its start rather than at "0:0".
    return ConfigLocation{file_, std::max<std::uint32_t>(region.begin.line, 1),
                          std::max<std::uint32_t>(region.begin.column, 1), std::move(key_path)};
}

std::string SchemaContext::resolve_path(std::string_view path) const {
    const std::filesystem::path p(path);
    return (p.is_absolute() ? p : directory_ / p).lexically_normal().string();
}

}  // namespace trellis::host
