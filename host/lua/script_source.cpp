#include "lua/script_source.hpp"

#include "util/text.hpp"

namespace trellis::host {

namespace {
bool is_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
}  // namespace

ScriptSource::ScriptSource(std::string_view text) {
    // Lines as an editor numbers them: a final newline does not start another line.
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines_.push_back(text.substr(start));
            break;
        }
        lines_.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    if (lines_.empty()) lines_.emplace_back();
}

int ScriptSource::return_line() const noexcept {
    for (std::size_t i = lines_.size(); i-- > 0;) {
        const std::string_view line = trim_blanks(lines_[i]);
        if (line.starts_with("return") && (line.size() == 6 || !is_name_char(line[6]))) return int(i) + 1;
    }
    return line_count();
}

int ScriptSource::key_line(std::string_view key, int from, int fallback) const noexcept {
    for (std::size_t i = std::size_t(from > 1 ? from - 1 : 0); i < lines_.size(); ++i) {
        std::string_view line = trim_blanks(lines_[i]);
        if (!line.starts_with(key)) continue;
        line = trim_blanks(line.substr(key.size()));
        if (line.starts_with('=') && !line.starts_with("==")) return int(i) + 1;
    }
    return fallback;
}

}  // namespace trellis::host
