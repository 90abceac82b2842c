#pragma once
// Tiny text helpers shared by the config readers and their messages.

#include <span>
#include <string>
#include <string_view>

namespace trellis::host {

// Without leading/trailing spaces and tabs.
std::string_view trim(std::string_view text);

// 'text' — in single quotes, for quoting the user's input in messages.
std::string quote(std::string_view text);

// "a, b, c" — for "valid values are ..." hints.
std::string join(std::span<const std::string_view> words);

// Shortest text that reads back as the same double ("0.01", "-0.2", "1e+300").
std::string format_number(double value);

}  // namespace trellis::host
