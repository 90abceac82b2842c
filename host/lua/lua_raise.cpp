#include "lua/lua_raise.hpp"

#include <algorithm>
#include <cstring>
#include <lua.hpp>

namespace trellis::host {

void MessageBuffer::set(std::string_view message) noexcept {
    const std::size_t n = std::min(message.size(), text.size() - 1);
    std::memcpy(text.data(), message.data(), n);
    text[n] = '\0';
}

void raise_error(lua_State* L, const char* prefix, const MessageBuffer& message) {
    luaL_error(L, "%s%s", prefix, message.c_str());
    __builtin_unreachable();  // lua_error longjmps; its declaration just does not say so
}

}  // namespace trellis::host
