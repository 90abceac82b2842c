#pragma once
// The instruments' symbols inside one lua_State. Filled once the context is
// known (start, or when a reloaded version is swapped in): each symbol is
// interned in the state and anchored, so
//  - resolving a script's "AMZN" is a pointer comparison: Lua interns short
//    strings, so the script's constant is that very anchored string;
//  - pushing a symbol for a view finds the interned string without allocating.
// Symbols that are not cached (a long or unknown one, or an instrument beyond
// the capacity) fall back to asking the host.

#include <array>
#include <cstddef>

#include "trellis/context.hpp"

struct lua_State;

namespace trellis::host {

struct SymbolCache {
    static constexpr std::size_t kCapacity = 64;
    std::array<const char*, kCapacity> text{};  // by instrument id: the interned symbol's characters
    std::array<const InstrumentSpec*, kCapacity> spec{};
    std::size_t size = 0;
};

// Creates the (empty) cache as a userdata anchored in the registry.
SymbolCache* create_symbol_cache(lua_State* L);

// Interns and anchors every instrument's symbol (allocates).
void fill_symbol_cache(lua_State* L, SymbolCache& cache, const Context& context);

// The instrument whose symbol is the string at `index`, or null. Pointer
// comparisons first; then the host's own lookup.
const InstrumentSpec* find_symbol(lua_State* L, const SymbolCache& cache, const Context& context, int index);

// Pushes the symbol of instrument `id`, or nil if the host does not know it.
void push_symbol(lua_State* L, const SymbolCache& cache, const Context* context, InstrumentId id, int anchors);

// Pushes the table that keeps the cached symbols alive (symbol of id i at
// i + 1; the same table for the state's life): `anchors` of push_symbol, for
// closures that hold it as an upvalue.
void push_symbol_anchors(lua_State* L);

}  // namespace trellis::host
