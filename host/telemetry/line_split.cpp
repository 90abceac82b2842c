#include "telemetry/line_split.hpp"

namespace trellis::host::telemetry {

std::size_t line_length(std::string_view b, std::size_t start) {
    std::size_t i = start;
    bool in_fields = false;  // past the first unescaped space (measurement and tags end there)
    bool quoted = false;
    int equals = 0, commas = 0;
    while (i < b.size()) {
        const char c = b[i];
        if (c == '\\' && i + 2 < b.size()) {  // same bound as InfluxDB: a trailing backslash is literal
            i += 2;
            continue;
        }
        if (c == ' ') in_fields = true;
        if (in_fields) {
            if (!quoted && c == '=') {
                ++equals;
                ++i;
                continue;
            }
            if (!quoted && c == ',') {
                ++commas;
                ++i;
                continue;
            }
            if (c == '"' && equals > commas) {
                quoted = !quoted;
                ++i;
                continue;
            }
        }
        if (c == '\n' && !quoted) return i + 1 - start;
        ++i;
    }
    return i - start;
}

std::vector<std::string_view> split_lines(std::string_view batch) {
    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos < batch.size();) {
        const std::size_t n = line_length(batch, pos);
        lines.push_back(batch.substr(pos, n));
        pos += n;
    }
    return lines;
}

}  // namespace trellis::host::telemetry
