#include "plugin/manifest_check.hpp"

#include <cstring>
#include <string>
#include <vector>

#include "plugin/concat.hpp"
#include "plugin/param_text.hpp"

namespace trellis::host {

namespace {

bool is_known_kind(PluginKind kind) noexcept {
    switch (kind) {
        case PluginKind::ExchangeAdapter:
        case PluginKind::Strategy:
        case PluginKind::RiskRule:
        case PluginKind::AlertSink:
            return true;
    }
    return false;
}

bool is_known_type(ParamType type) noexcept {
    switch (type) {
        case ParamType::Int:
        case ParamType::Float:
        case ParamType::Bool:
        case ParamType::String:
            return true;
    }
    return false;
}

// The registry name doubles as a file name (<name>.so) and a config value.
bool is_snake_case(std::string_view name) noexcept {
    if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool is_empty(const char* text) noexcept { return text == nullptr || *text == '\0'; }

void check_param(const ParamSpec& spec, std::size_t index, std::vector<std::string>& problems) {
    if (is_empty(spec.key)) {
        problems.push_back(concat("parameter #", std::to_string(index), " has no key"));
        return;
    }
    const std::string_view key = spec.key;
    if (!is_known_type(spec.type)) {
        problems.push_back(concat("parameter '", key, "' has unknown type ", std::to_string(int(spec.type))));
        return;
    }
    if (spec.min > spec.max)
        problems.push_back(
            concat("parameter '", key, "' has min ", format_bound(spec.min), " above max ", format_bound(spec.max)));
    if (spec.default_value == nullptr) return;  // required: nothing to parse
    const auto value = parse_param_text(spec.type, spec.default_value);
    if (!value) {
        problems.push_back(concat("parameter '", key, "' has a bad default: ", value.error().message));
        return;
    }
    if (const std::string violation = range_violation(spec, *value); !violation.empty())
        problems.push_back(concat("parameter '", key, "' has default ", format_param_value(*value), ", ", violation));
}

bool same_key(const ParamSpec& a, const ParamSpec& b) noexcept {
    return !is_empty(a.key) && !is_empty(b.key) && std::strcmp(a.key, b.key) == 0;
}

std::vector<std::string> sanity_problems(const PluginManifest& m) {
    std::vector<std::string> problems;
    if (!is_known_kind(m.kind)) problems.push_back(concat("unknown plugin kind ", std::to_string(int(m.kind))));
    if (is_empty(m.name))
        problems.push_back("empty plugin name");
    else if (!is_snake_case(m.name))
        problems.push_back(concat("plugin name '", m.name,
                                  "' is not snake_case (lower-case letters, digits and '_', starting with a letter)"));
    if (is_empty(m.version)) problems.push_back("empty plugin version");
    if (m.create == nullptr) problems.push_back("no create function");
    if (m.destroy == nullptr) problems.push_back("no destroy function");
    if (m.params == nullptr && m.param_count > 0) {
        problems.push_back(concat("declares ", std::to_string(m.param_count), " parameters but no parameter table"));
        return problems;
    }
    for (std::size_t i = 0; i < m.param_count; ++i) {
        check_param(m.params[i], i, problems);
        for (std::size_t j = 0; j < i; ++j)
            if (same_key(m.params[i], m.params[j])) {
                problems.push_back(concat("parameter '", m.params[i].key, "' is declared twice"));
                break;
            }
    }
    return problems;
}

}  // namespace

std::uint32_t host_abi_version() noexcept { return kAbiVersion; }
std::string_view host_build_id() noexcept { return TRELLIS_BUILD_ID; }

Result<void> check_manifest(const PluginManifest& m, std::string_view origin) {
    if (m.abi_version != host_abi_version())
        return fail(concat(origin, ": built against SDK ABI ", std::to_string(m.abi_version), ", host speaks ",
                           std::to_string(host_abi_version()), "; rebuild the plugin against this host's SDK"));
    const std::string_view build_id = m.build_id ? std::string_view(m.build_id) : std::string_view("(none)");
    if (build_id != host_build_id())
        return fail(concat(origin, ": built with a different toolchain: plugin build id '", build_id,
                           "', host build id '", host_build_id(),
                           "'; rebuild the plugin with the host's compiler, flags and Boost"));
    const std::vector<std::string> problems = sanity_problems(m);
    if (problems.empty()) return {};
    std::string message;
    for (const auto& problem : problems) {
        if (!message.empty()) message += '\n';
        message += concat(origin, ": invalid plugin manifest: ", problem);
    }
    return fail(std::move(message));
}

}  // namespace trellis::host
