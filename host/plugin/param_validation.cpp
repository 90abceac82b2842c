#include "plugin/param_validation.hpp"

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "plugin/concat.hpp"
#include "plugin/param_text.hpp"
#include "plugin/plugin_handle.hpp"
#include "util/suggest.hpp"

namespace trellis::host {

namespace {

std::string plugin_label(const PluginManifest& m) { return concat(to_string(m.kind), " '", m.name, "'"); }

std::vector<std::string_view> schema_keys(const PluginManifest& m) {
    std::vector<std::string_view> keys;
    for (std::size_t i = 0; i < m.param_count; ++i) keys.emplace_back(m.params[i].key);
    return keys;
}

std::string unknown_key_message(const PluginManifest& m, const RawParam& param) {
    const std::vector<std::string_view> keys = schema_keys(m);
    std::string message = concat("unknown parameter '", param.key, "' for ", plugin_label(m));
    if (keys.empty()) return message.append("; it takes no parameters");
    if (const std::string hint = did_you_mean(param.key, keys); !hint.empty()) return message.append(hint);
    message += "; valid parameters: ";
    for (std::size_t i = 0; i < keys.size(); ++i) message.append(i ? ", " : "").append(keys[i]);
    return message;
}

// The value converted to the spec's type, or why it cannot be.
Result<ParamValue> checked_value(const ParamSpec& spec, const ParamValue& given) {
    ParamValue value = given;
    const ParamType actual = type_of(given);
    if (spec.type == ParamType::Float && actual == ParamType::Int)
        value = double(std::get<std::int64_t>(given));
    else if (actual != spec.type)
        return fail(concat("expected ", to_string(spec.type), ", got ", to_string(actual)));
    if (const std::string violation = range_violation(spec, value); !violation.empty())
        return fail(concat(format_param_value(value), " is ", violation));
    return value;
}

}  // namespace

Result<Params> validate_params(const PluginManifest& m, std::span<const RawParam> raw, std::string_view where) {
    std::vector<std::string> errors;
    std::vector<std::optional<ParamValue>> values(m.param_count);
    std::vector<const RawParam*> given_by(m.param_count, nullptr);

    for (const RawParam& param : raw) {
        std::size_t index = m.param_count;
        for (std::size_t i = 0; i < m.param_count; ++i)
            if (param.key == m.params[i].key) index = i;
        if (index == m.param_count) {
            errors.push_back(located(param.where, unknown_key_message(m, param)));
            continue;
        }
        if (given_by[index] != nullptr) {
            errors.push_back(located(param.where, concat("parameter '", param.key, "' is given twice (first at ",
                                                         given_by[index]->where, ")")));
            continue;
        }
        given_by[index] = &param;
        auto value = checked_value(m.params[index], param.value);
        if (!value) {
            errors.push_back(located(
                param.where, concat("parameter '", param.key, "' of ", plugin_label(m), ": ", value.error().message)));
            continue;
        }
        values[index] = std::move(*value);
    }

    for (std::size_t i = 0; i < m.param_count; ++i) {
        const ParamSpec& spec = m.params[i];
        if (given_by[i] != nullptr) continue;
        if (spec.default_value == nullptr) {
            errors.push_back(
                located(where, concat("missing required parameter '", spec.key, "' (", to_string(spec.type), ") of ",
                                      plugin_label(m), spec.doc ? ": " : "", spec.doc ? spec.doc : "")));
            continue;
        }
        // check_manifest() already vetted defaults; a manifest that skipped
        // it still gets a clear message instead of a silently wrong value.
        auto value = parse_param_text(spec.type, spec.default_value);
        if (!value) {
            errors.push_back(located(where, concat("default of parameter '", spec.key, "' of ", plugin_label(m), ": ",
                                                   value.error().message)));
            continue;
        }
        values[i] = std::move(*value);
    }

    if (!errors.empty()) {
        std::string message;
        for (const auto& e : errors) message.append(message.empty() ? "" : "\n").append(e);
        return fail(std::move(message));
    }
    Params params;
    for (std::size_t i = 0; i < m.param_count; ++i) params.set(m.params[i].key, std::move(*values[i]));
    return params;
}

}  // namespace trellis::host
