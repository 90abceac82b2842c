#include "lua/memory_account.hpp"

#include <cstdio>
#include <cstdlib>
#include <lua.hpp>

namespace trellis::host {

void* MemoryAccount::allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) noexcept {
    auto& account = *static_cast<MemoryAccount*>(ud);
    // For a new block Lua passes the object type in old_size, not a size.
    const std::size_t previous = block != nullptr ? old_size : 0;
    if (new_size == 0) {
        std::free(block);
        account.used_ -= previous;
        return nullptr;
    }
    if (account.enforced_ && new_size > previous && account.used_ - previous + new_size > account.limit_) {
        account.note_refusal();
        return nullptr;
    }
    void* grown = std::realloc(block, new_size);
    if (grown == nullptr) return nullptr;
    account.used_ = account.used_ - previous + new_size;
    if (new_size > previous) ++account.allocations_;
    return grown;
}

void MemoryAccount::note_refusal() noexcept {
    if (state_ == nullptr) return;
    // Reading the call stack is safe here: the VM saves the current
    // instruction before anything that may allocate, and lua_getinfo with
    // "Sl" only reads (it does not allocate).
    lua_Debug ar;
    for (int level = 0; lua_getstack(state_, level, &ar) != 0; ++level) {
        if (lua_getinfo(state_, "Sl", &ar) == 0 || ar.currentline <= 0) continue;
        std::snprintf(refused_at_.data(), refused_at_.size(), "%s:%d", ar.short_src, ar.currentline);
        return;
    }
}

}  // namespace trellis::host
