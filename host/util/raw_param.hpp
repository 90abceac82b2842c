#pragma once
// A plugin parameter as written in configuration, before it is checked
// against the plugin's schema.

#include <string>

#include "trellis/params.hpp"

namespace trellis::host {

struct RawParam {
    std::string key;
    ParamValue value;
    std::string where;  // "file:line:col: key.path" of the value, for error messages
};

}  // namespace trellis::host
