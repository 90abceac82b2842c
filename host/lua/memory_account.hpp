#pragma once
// The memory cap of one lua_State. Lua asks its lua_Alloc for every byte; this
// one refuses growth beyond the limit while script code runs, and Lua turns the
// refusal into an ordinary "not enough memory" error that the host's protected
// call catches. The host's own bookkeeping on the state (building the sandbox,
// views, parameter tables) is bounded and small, so it is not capped: it must
// never fail half-way outside a protected call.
//
// Lua reports memory errors without a position and without calling the message
// handler, so the account notes the script line at the moment it refuses.
// It also counts allocations, which is how tests prove a warmed-up call
// allocates nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

struct lua_State;

namespace trellis::host {

class MemoryAccount {
public:
    explicit MemoryAccount(std::size_t limit) noexcept : limit_(limit) {}
    MemoryAccount(const MemoryAccount&) = delete;
    MemoryAccount& operator=(const MemoryAccount&) = delete;

    // The lua_Alloc; `ud` is the MemoryAccount.
    static void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) noexcept;

    // The state whose script lines a refusal is attributed to (set once it exists).
    void attach(lua_State* state) noexcept { state_ = state; }
    // Caps growth from now on (script code is about to run) or stops capping.
    void enforce(bool on) noexcept {
        enforced_ = on;
        if (on) refused_at_[0] = '\0';
    }

    std::size_t limit() const noexcept { return limit_; }
    std::size_t used() const noexcept { return used_; }
    // Calls that obtained a new block or grew one, since the state was created.
    std::uint64_t allocations() const noexcept { return allocations_; }
    // "file:line" of the script line whose allocation was refused last since
    // enforce(true), or "" when none was (or no script line was running).
    std::string_view refused_at() const noexcept { return std::string_view(refused_at_.data()); }

private:
    void note_refusal() noexcept;

    std::size_t limit_;
    std::size_t used_ = 0;
    std::uint64_t allocations_ = 0;
    bool enforced_ = false;
    lua_State* state_ = nullptr;
    std::array<char, 128> refused_at_{};
};

}  // namespace trellis::host
