#pragma once
// Instance names ([[strategies]] name = "mm1") must be unique within a kind.
// The configuration owns that rule; this remembers where each name was first
// declared so the second declaration's error can point at both.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace trellis::host {

class InstanceNameSet {
public:
    // Records `name` declared at `where`; a name already recorded is an error
    // at `where` that names the first declaration.
    Result<void> claim(std::string_view name, std::string_view where);

private:
    std::vector<std::pair<std::string, std::string>> claimed_;  // name, where first declared
};

}  // namespace trellis::host
