#include "risk_rule_support/reason_text.hpp"

namespace trellis::risk {

ReasonText& ReasonText::operator<<(std::string_view text) noexcept {
    for (const char c : text) {
        if (size_ == buf_.size()) break;
        buf_[size_++] = c;
    }
    return *this;
}

ReasonText& ReasonText::operator<<(Decimal value) noexcept {
    const int decimals = value.decimals < 0 ? 0 : value.decimals > 19 ? 19 : value.decimals;
    // Unsigned, so the magnitude of INT64_MIN and the scale 10^19 both fit.
    const std::uint64_t magnitude = value.raw < 0 ? 0 - std::uint64_t(value.raw) : std::uint64_t(value.raw);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    if (value.raw < 0) *this << "-";
    *this << magnitude / scale;
    std::uint64_t fraction = magnitude % scale;
    if (fraction == 0) return *this;
    // Leading zeros of the fraction are its missing digits; trailing zeros are noise.
    std::array<char, 19> digits{};
    for (int i = decimals - 1; i >= 0; --i) {
        digits[std::size_t(i)] = char('0' + fraction % 10);
        fraction /= 10;
    }
    std::size_t used = std::size_t(decimals);
    while (used > 0 && digits[used - 1] == '0') --used;
    return *this << "." << std::string_view(digits.data(), used);
}

ReasonText& ReasonText::operator<<(Rounded value) noexcept {
    std::array<char, 48> digits{};
    char* const first = digits.data();
    char* const last = first + digits.size();
    auto result = std::to_chars(first, last, value.value, std::chars_format::fixed, value.max_decimals);
    if (result.ec != std::errc{})  // too long for fixed notation: say it in scientific
        result = std::to_chars(first, last, value.value, std::chars_format::scientific, 3);
    std::string_view text(first, std::size_t(result.ptr - first));
    if (text.find('.') != std::string_view::npos && text.find('e') == std::string_view::npos) {
        while (text.back() == '0') text.remove_suffix(1);
        if (text.back() == '.') text.remove_suffix(1);
    }
    if (text == "-0") text = "0";
    return *this << text;
}

}  // namespace trellis::risk
