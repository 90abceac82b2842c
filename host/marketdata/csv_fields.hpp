#pragma once
// Splits one CSV line into fields without allocating. Market-data CSVs have no
// quoting, so a comma always separates fields.

#include <array>
#include <cstddef>
#include <string_view>

#include "util/text.hpp"

namespace trellis::host {

// Fills `fields` with up to N trimmed fields and returns how many the line has
// (possibly more than N: then only the first N are filled).
template <std::size_t N>
std::size_t split_csv(std::string_view line, std::array<std::string_view, N>& fields) noexcept {
    std::size_t count = 0;
    for (;;) {
        const std::size_t comma = line.find(',');
        if (count < N) fields[count] = trim_blanks(line.substr(0, comma));
        ++count;
        if (comma == std::string_view::npos) return count;
        line.remove_prefix(comma + 1);
    }
}

// True for a line that holds nothing but blanks; readers ignore such lines.
inline bool is_blank(std::string_view line) noexcept { return trim_blanks(line).empty(); }

}  // namespace trellis::host

namespace trellis::host {

// A header row starts with a letter ("Time,Type,…", "update_id,…"); data rows with a number.
inline bool looks_like_header(std::string_view line) noexcept {
    const std::string_view s = trim_blanks(line);
    return !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_');
}

}  // namespace trellis::host
