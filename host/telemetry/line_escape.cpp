#include "telemetry/line_escape.hpp"

#include <array>
#include <cstring>

namespace trellis::host::telemetry {
namespace {

constexpr std::array<std::uint8_t, 256> kClasses = [] {
    std::array<std::uint8_t, 256> t{};
    t[','] = kEscapedInMeasurement | kEscapedInKey;
    t[' '] = kEscapedInMeasurement | kEscapedInKey;
    t['='] = kEscapedInKey;
    t['"'] = kEscapedInString;
    t['\\'] = kEscapedInString | kBackslash;
    t['\n'] = kNewline;
    return t;
}();

}  // namespace

std::uint8_t char_classes(std::string_view text) noexcept {
    std::uint8_t classes = 0;
    for (const char c : text) classes |= kClasses[static_cast<unsigned char>(c)];
    return classes;
}

char* write_escaped(char* out, std::string_view text, std::uint8_t classes, CharClass escaped) noexcept {
    if (!(classes & escaped)) {  // the common case: nothing to escape, one copy
        if (!text.empty()) std::memcpy(out, text.data(), text.size());
        return out + text.size();
    }
    for (const char c : text) {
        if (kClasses[static_cast<unsigned char>(c)] & escaped) *out++ = '\\';
        *out++ = c;
    }
    return out;
}

}  // namespace trellis::host::telemetry
