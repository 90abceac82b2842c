#pragma once
// The text of a script, for pointing a load error at a line when Lua itself
// cannot: a table constructor carries no line information, so "the returned
// table has no check function" points at the last top-level `return`, and
// "unknown key 'chek'" at the line that starts with `chek =`.

#include <string>
#include <string_view>
#include <vector>

namespace trellis::host {

class ScriptSource {
public:
    explicit ScriptSource(std::string_view text);

    // Number of lines (at least 1).
    int line_count() const noexcept { return int(lines_.size()); }
    // The last line that starts (after blanks) with the word `return`, or the last line.
    int return_line() const noexcept;
    // The first line at or after `from` that starts with `key` followed by
    // optional blanks and `=` (not `==`), or `fallback` when there is none.
    int key_line(std::string_view key, int from, int fallback) const noexcept;

private:
    std::vector<std::string_view> lines_;
};

}  // namespace trellis::host
