#pragma once
// Small text chores shared by every parser here and its messages: trimming a
// field, quoting the user's input, listing valid values, printing a number.
// One spelling, so config and market-data errors read alike.

#include <span>
#include <string>
#include <string_view>

namespace trellis::host {

// Without leading and trailing spaces and tabs. Allocation-free: the CSV
// readers call it on every field.
constexpr std::string_view trim_blanks(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// 'text' — in single quotes, for quoting the user's input in messages.
std::string quoted(std::string_view text);

// "a, b, c" — for "valid values are ..." hints.
std::string join(std::span<const std::string_view> words);

// Shortest text that reads back as the same double ("0.01", "-0.2", "1e+300").
std::string format_number(double value);

}  // namespace trellis::host
