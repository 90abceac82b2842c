#include "telemetry/line_escape.hpp"

namespace trellis::host::telemetry {
namespace {

// Copies runs that need no escaping in one append: most names contain no
// special character, so the common case is a single memcpy.
template <class NeedsEscape>
void append_escaped(std::string& out, std::string_view text, NeedsEscape needs_escape) {
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!needs_escape(text[i])) continue;
        out.append(text.data() + run_start, i - run_start);
        out.push_back('\\');
        out.push_back(text[i]);
        run_start = i + 1;
    }
    out.append(text.data() + run_start, text.size() - run_start);
}

}  // namespace

void append_escaped_measurement(std::string& out, std::string_view text) {
    append_escaped(out, text, [](char c) { return c == ',' || c == ' '; });
}

void append_escaped_key(std::string& out, std::string_view text) {
    append_escaped(out, text, [](char c) { return c == ',' || c == '=' || c == ' '; });
}

void append_escaped_string_value(std::string& out, std::string_view text) {
    append_escaped(out, text, [](char c) { return c == '"' || c == '\\'; });
}

}  // namespace trellis::host::telemetry
