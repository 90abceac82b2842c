#pragma once
// "Did you mean" hints for unknown keys and names.

#include <span>
#include <string>
#include <string_view>

namespace trellis::host {

// Levenshtein edit distance.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance of max(2, |word|/3), or "" if none.
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" or "" — ready to append to an error message.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace trellis::host
