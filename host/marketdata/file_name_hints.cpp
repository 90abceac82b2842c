#include "marketdata/file_name_hints.hpp"

namespace trellis::host {

std::string_view file_name_of(std::string_view path) noexcept {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

namespace {
std::string_view prefix_before(std::string_view name, char separator) noexcept {
    const std::size_t at = name.find(separator);
    return at == std::string_view::npos ? std::string_view{} : name.substr(0, at);
}
}  // namespace

std::string_view lobster_symbol_from_name(std::string_view path) noexcept {
    return prefix_before(file_name_of(path), '_');
}

std::string_view lobster_date_from_name(std::string_view path) noexcept {
    const std::string_view name = file_name_of(path);
    const std::size_t first = name.find('_');
    if (first == std::string_view::npos) return {};
    const std::string_view rest = name.substr(first + 1);
    return rest.substr(0, rest.find('_'));
}

Result<std::string> lobster_orderbook_path(std::string_view message_path) {
    const std::string_view name = file_name_of(message_path);
    const std::size_t at = name.rfind("message");
    if (at == std::string_view::npos)
        return fail("cannot derive the LOBSTER orderbook file from " + std::string(message_path) +
                    ": its name has no \"message\"; give the orderbook path explicitly");
    std::string path(message_path);
    path.replace(message_path.size() - name.size() + at, 7, "orderbook");
    return path;
}

std::string_view binance_symbol_from_name(std::string_view path) noexcept {
    return prefix_before(file_name_of(path), '-');
}

}  // namespace trellis::host
