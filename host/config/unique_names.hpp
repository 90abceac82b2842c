#pragma once
// Enforces "at most one of each name" (instrument symbols, adapter names, ...):
// a repeat is reported at the repeat, naming where the first one is.

#include <string>
#include <string_view>
#include <vector>

#include "config/table_reader.hpp"

namespace trellis::host {

class UniqueNames {
public:
    // `what` is the key ("symbol", "name"); `scope` the list it is unique in ("instruments").
    UniqueNames(std::string what, std::string scope) : what_(std::move(what)), scope_(std::move(scope)) {}

    // Records `name` (the value of `key` in `table`). Returns false and reports
    // an error if it was seen before.
    bool add(const std::string& name, const TableReader& table, std::string_view key) {
        const ConfigLocation here = table.where(key);
        for (const auto& [seen, first] : seen_) {
            if (seen != name) continue;
            table.error(key, "duplicate " + what_ + " '" + name + "' (first defined at " + first.to_string() +
                                 "; each " + what_ + " must be unique among " + scope_ + ")");
            return false;
        }
        seen_.emplace_back(name, here);
        return true;
    }

private:
    std::string what_;
    std::string scope_;
    std::vector<std::pair<std::string, ConfigLocation>> seen_;
};

}  // namespace trellis::host
