#pragma once
// Collects every problem found while reading a configuration, so the user
// fixes them all in one round instead of one per run.

#include <string>
#include <vector>

#include "config/config.hpp"
#include "util/error.hpp"

namespace trellis::host {

class ConfigErrors {
public:
    void add(ConfigLocation where, std::string message);
    bool empty() const noexcept { return entries_.empty(); }
    std::size_t size() const noexcept { return entries_.size(); }

    // One line per problem, "LOCATION: message". Problems in the file come in
    // file order (line, column); problems from --set follow in the order found.
    Error to_error() const;

private:
    struct Entry {
        ConfigLocation where;
        std::string message;
    };
    std::vector<Entry> entries_;
};

}  // namespace trellis::host
