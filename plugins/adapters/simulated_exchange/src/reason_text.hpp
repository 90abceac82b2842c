#pragma once
// A fixed-size text builder for the human-readable detail of an order update
// ("qty 150 is not a multiple of lot 100"): no allocation, silently truncated
// at the size of OrderUpdate::text.

#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>

namespace trellis::simex {

class ReasonText {
public:
    ReasonText() = default;
    // Implicit on purpose, so a fixed message can be passed as a literal.
    ReasonText(std::string_view s) noexcept { *this << s; }
    ReasonText(const char* s) noexcept { *this << std::string_view(s); }

    ReasonText& operator<<(std::string_view s) noexcept {
        for (char c : s) {
            if (n_ + 1 >= buf_.size()) break;
            buf_[n_++] = c;
        }
        return *this;
    }
    ReasonText& operator<<(std::int64_t v) noexcept {
        std::array<char, 24> digits{};
        const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec == std::errc{}) *this << std::string_view(digits.data(), std::size_t(end - digits.data()));
        return *this;
    }
    std::string_view view() const noexcept { return std::string_view(buf_.data(), n_); }

private:
    std::array<char, 72> buf_{};
    std::size_t n_ = 0;
};

}  // namespace trellis::simex
