// Entry points: read the file, parse TOML, apply --set overrides, then check
// every section against the schema, collecting all problems in one pass.

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_errors.hpp"
#include "config/config_loader.hpp"
#include "config/config_sections.hpp"
#include "config/overrides.hpp"
#include "config/schema_context.hpp"
#include "config/table_reader.hpp"

namespace trellis::host {

namespace {

std::string describe_syntax_error(const toml::parse_error& e, const std::string& path) {
    const auto& begin = e.source().begin;
    const ConfigLocation where{path, begin.line, begin.column, ""};
    return where.to_string() + ": syntax error: " + std::string(e.description());
}

HostConfig read_schema(const toml::table& document, const std::string& path, ConfigErrors& errors) {
    const SchemaContext context(path, errors);
    TableReader root(document, "", context);
    HostConfig config;
    config.file = path;
    read_host_section(root, config);
    // Adapters first: instruments refer to them by name.
    config.adapters = read_plugin_entries(root, "adapters", Need::Required);
    config.strategies = read_plugin_entries(root, "strategies", Need::Optional);
    read_risk_section(root, config);
    config.alert_sinks = read_plugin_entries(root, "alerts", Need::Optional);
    read_lua_section(root, config.lua);
    // A host named in [host] keeps its name on the wire; an unnamed one is known by its hostname.
    const bool host_named = document.at_path("host.id").is_string();
    read_telemetry_section(root, host_named ? std::string_view(config.host_id) : "", config.telemetry);
    config.instruments = read_instruments(root, config.adapters);
    // Sources refer to instruments by symbol.
    config.backtest = read_backtest_section(root, config.instruments);
    root.reject_unknown_keys();
    return config;
}

}  // namespace

Result<HostConfig> parse_config(std::string_view toml_text, const std::string& path_for_messages,
                                std::span<const std::string> overrides) {
    toml::table document;
    try {
        document = toml::parse(toml_text, std::string_view(path_for_messages));
    } catch (const toml::parse_error& e) {
        return fail(describe_syntax_error(e, path_for_messages));
    }
    ConfigErrors errors;
    apply_overrides(document, overrides, errors);
    HostConfig config = read_schema(document, path_for_messages, errors);
    if (!errors.empty()) return std::unexpected(errors.to_error());
    return config;
}

Result<std::string> read_config_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return fail(path + ": config file not found (check the path; it is relative to the working directory " +
                    std::filesystem::current_path(ec).string() + ")");
    if (std::filesystem::is_directory(path, ec))
        return fail(path + ": is a directory, not a config file (give the path of a .toml file)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot open config file: " + std::strerror(errno) + " (check its permissions)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(path + ": cannot read config file: " + std::strerror(errno));
    return text.str();
}

Result<HostConfig> load_config(const std::string& path, std::span<const std::string> overrides) {
    auto text = read_config_file(path);
    if (!text) return std::unexpected(text.error());
    return parse_config(*text, path, overrides);
}

}  // namespace trellis::host
