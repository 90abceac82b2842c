#include "marketdata/row_rejector.hpp"

namespace trellis::host {

std::string row_error(std::string_view path, std::uint64_t line, std::string_view reason) {
    std::string text;
    text.reserve(path.size() + reason.size() + 24);
    text.append(path).append(":").append(std::to_string(line)).append(": ").append(reason);
    return text;
}

std::string decimal_problem(DecimalError error, int decimals, std::string_view scale_key) {
    if (error != DecimalError::TooPrecise) return describe(error);
    return "has more than " + std::to_string(decimals) + " decimals (the instrument's " + std::string(scale_key) +
           "); refusing to round";
}

Result<void> RowRejector::reject(std::string message) {
    if (!skip_) return fail(std::move(message));
    ++stats_->rejected_rows;
    if (stats_->first_rejections.size() < kKeptMessages) stats_->first_rejections.push_back(std::move(message));
    return {};
}

}  // namespace trellis::host
