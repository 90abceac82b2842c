#pragma once
// For plugin tests: builds the Params the host would hand a plugin — every key
// of the schema with its default — then applies a test's overrides. (The host
// does this with full validation; tests only need the defaults filled in.)

#include <cstdlib>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

#include "trellis/params.hpp"

namespace trellis::strategy_support {

inline Params params_with_defaults(std::span<const ParamSpec> schema,
                                   std::initializer_list<std::pair<const char*, ParamValue>> overrides = {}) {
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
    for (const ParamSpec& spec : schema)
        if (!params.find(spec.key)) throw std::logic_error(std::string("test forgot required param ") + spec.key);
    return params;
}

}  // namespace trellis::strategy_support
