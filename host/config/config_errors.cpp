#include "config/config_errors.hpp"

#include <algorithm>
#include <tuple>

namespace trellis::host {

void ConfigErrors::add(ConfigLocation where, std::string message) {
    entries_.push_back({std::move(where), std::move(message)});
}

Error ConfigErrors::to_error() const {
    std::vector<const Entry*> ordered;
    ordered.reserve(entries_.size());
    for (const auto& e : entries_) ordered.push_back(&e);
    // Overrides have no line (0); they sort after every file position.
    const auto order_key = [](const Entry* e) {
        const bool from_override = e->where.line == 0;
        return std::tuple(from_override, e->where.line, e->where.column);
    };
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const Entry* a, const Entry* b) { return order_key(a) < order_key(b); });
    std::string text;
    for (const Entry* e : ordered) {
        if (!text.empty()) text += '\n';
        text += e->where.to_string() + ": " + e->message;
    }
    return Error{std::move(text)};
}

}  // namespace trellis::host
