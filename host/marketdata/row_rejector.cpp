#include "marketdata/row_rejector.hpp"

namespace trellis::host {

std::string row_error(std::string_view path, std::uint64_t line, std::string_view reason) {
    std::string text;
    text.reserve(path.size() + reason.size() + 24);
    text.append(path).append(":").append(std::to_string(line)).append(": ").append(reason);
    return text;
}

std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('\'');
    out.append(text);
    out.push_back('\'');
    return out;
}

Result<void> RowRejector::reject(std::string message) {
    if (!skip_) return fail(std::move(message));
    ++stats_->rejected_rows;
    if (stats_->first_rejections.size() < kKeptMessages) stats_->first_rejections.push_back(std::move(message));
    return {};
}

}  // namespace trellis::host
