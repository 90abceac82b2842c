#include "plugin/plugin_handle.hpp"

#include "plugin/concat.hpp"

namespace trellis::host {

namespace {
// "a strategy", "an exchange_adapter".
std::string with_article(PluginKind kind) {
    const std::string_view name = to_string(kind);
    const bool vowel = name.find_first_of("aeiou") == 0;
    return concat(vowel ? "an " : "a ", name);
}
}  // namespace

std::string PluginHandle::origin() const {
    if (library) return quoted(library->path());
    return concat("built-in plugin '", manifest->name ? manifest->name : "", "'");
}

std::string located(std::string_view where, std::string message) {
    if (where.empty()) return message;
    // Multi-line reports (one problem per line) get the location on every line.
    std::string out;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = message.find('\n', begin);
        out.append(where).append(": ").append(message, begin, end - begin);
        if (end == std::string::npos) break;
        out += '\n';
        begin = end + 1;
    }
    return out;
}

std::string wrong_kind_message(const PluginHandle& plugin, PluginKind wanted) {
    return concat(plugin.origin(), " is ", with_article(plugin.manifest->kind), " plugin, but this entry needs ",
                  with_article(wanted), " plugin");
}

}  // namespace trellis::host
