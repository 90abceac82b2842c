#pragma once
// For plugin tests: builds the Params the host would hand a plugin — every key
// of the schema with its default — then applies a test's overrides. (The host
// does this with full validation; tests only need the defaults filled in.)

#include <cstdint>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

#include "trellis/params.hpp"

namespace trellis::fakes {

// Parameter values a test sets, by key.
using ParamOverrides = std::initializer_list<std::pair<const char*, ParamValue>>;

// The schema's defaults, then `overrides` (a test suite's common setup), then
// `extra` (one test's changes to it). Throws if a required key is still missing.
inline Params params_with_defaults(std::span<const ParamSpec> schema, ParamOverrides overrides,
                                   ParamOverrides extra = {}) {
    Params params;
    for (const ParamSpec& spec : schema) {
        if (!spec.default_value) continue;  // required: the test must override it
        const std::string text = spec.default_value;
        switch (spec.type) {
            case ParamType::Int:
                params.set(spec.key, std::int64_t(std::stoll(text)));
                break;
            case ParamType::Float:
                params.set(spec.key, std::stod(text));
                break;
            case ParamType::Bool:
                params.set(spec.key, text == "true");
                break;
            case ParamType::String:
                params.set(spec.key, text);
                break;
        }
    }
    for (const auto& [key, value] : overrides) params.set(key, value);
    for (const auto& [key, value] : extra) params.set(key, value);
    for (const ParamSpec& spec : schema)
        if (!params.find(spec.key)) throw std::logic_error(std::string("test forgot required param ") + spec.key);
    return params;
}

}  // namespace trellis::fakes
