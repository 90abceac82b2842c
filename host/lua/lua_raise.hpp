#pragma once
// Raising Lua errors from C++. lua_error() longjmps over C++ frames (Debian's
// Lua is built as C), so no object with a destructor may be alive in those
// frames when it is called: messages are composed into a fixed buffer inside
// an inner scope, whose std::strings are gone before the error is raised.

#include <array>
#include <cstddef>
#include <string_view>

struct lua_State;

namespace trellis::host {

struct MessageBuffer {
    std::array<char, 512> text{};
    void set(std::string_view message) noexcept;
    const char* c_str() const noexcept { return text.data(); }
};

// Raises "<position of the calling script line>: <prefix><message>".
[[noreturn]] void raise_error(lua_State* L, const char* prefix, const MessageBuffer& message);

}  // namespace trellis::host
