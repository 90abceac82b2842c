#include "plugin/describe.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "plugin/concat.hpp"
#include "plugin/param_text.hpp"

namespace trellis::host {

namespace {

constexpr std::size_t kColumns = 5;
using Row = std::array<std::string, kColumns>;

std::string format_default(const ParamSpec& spec) {
    if (spec.default_value == nullptr) return "required";
    const auto value = parse_param_text(spec.type, spec.default_value);
    return value ? format_param_value(*value) : concat(spec.default_value, " (invalid)");
}

std::string format_range(const ParamSpec& spec) {
    if (spec.type != ParamType::Int && spec.type != ParamType::Float) return "-";
    const bool low = has_lower_bound(spec);
    const bool high = has_upper_bound(spec);
    if (low && high) return concat("[", format_bound(spec.min), ", ", format_bound(spec.max), "]");
    if (low) return concat(">= ", format_bound(spec.min));
    if (high) return concat("<= ", format_bound(spec.max));
    return "any";
}

std::string table(const std::vector<Row>& rows) {
    std::array<std::size_t, kColumns> width{};
    for (const auto& row : rows)
        for (std::size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], row[c].size());
    std::string out;
    for (const auto& row : rows) {
        std::string line = "    ";
        for (std::size_t c = 0; c < kColumns; ++c) {
            line += row[c];
            if (c + 1 < kColumns) line.append(width[c] - row[c].size() + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();  // empty doc column
        out += line;
        out += '\n';
    }
    return out;
}

}  // namespace

std::string describe(const PluginManifest& m, std::string_view origin) {
    std::string out = concat(to_string(m.kind), " ", m.name ? m.name : "", " ", m.version ? m.version : "", "\n");
    if (!origin.empty()) out += concat("  from:     ", origin, "\n");
    out += concat("  sdk abi:  ", std::to_string(m.abi_version), "\n");
    out += concat("  build id: ", m.build_id ? m.build_id : "(none)", "\n");
    if (m.param_count == 0) {
        out += "  parameters: none\n";
        return out;
    }

    std::vector<Row> rows{{"key", "type", "default", "range", "doc"}};
    for (std::size_t i = 0; i < m.param_count; ++i) {
        const ParamSpec& spec = m.params[i];
        rows.push_back({spec.key ? spec.key : "", std::string(to_string(spec.type)), format_default(spec),
                        format_range(spec), spec.doc ? spec.doc : ""});
    }
    out += "  parameters:\n";
    out += table(rows);
    return out;
}

}  // namespace trellis::host
