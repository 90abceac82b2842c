#include "lua/symbol_cache.hpp"

#include <lua.hpp>
#include <new>
#include <string_view>
#include <type_traits>

namespace trellis::host {

namespace {
constexpr const char* kCacheKey = "trellis.symbol_cache";
constexpr const char* kAnchorsKey = "trellis.symbol_anchors";
}  // namespace

SymbolCache* create_symbol_cache(lua_State* L) {
    static_assert(std::is_trivially_destructible_v<SymbolCache>);  // Lua frees it without a destructor
    auto* cache = new (lua_newuserdatauv(L, sizeof(SymbolCache), 0)) SymbolCache{};
    lua_setfield(L, LUA_REGISTRYINDEX, kCacheKey);
    // One anchors table for the state's life, so closures may hold it as an upvalue.
    lua_createtable(L, int(SymbolCache::kCapacity), 0);
    lua_setfield(L, LUA_REGISTRYINDEX, kAnchorsKey);
    return cache;
}

void push_symbol_anchors(lua_State* L) { lua_getfield(L, LUA_REGISTRYINDEX, kAnchorsKey); }

void fill_symbol_cache(lua_State* L, SymbolCache& cache, const Context& context) {
    push_symbol_anchors(L);
    const int anchors = lua_gettop(L);
    cache = SymbolCache{};
    const std::size_t count =
        context.instrument_count() < SymbolCache::kCapacity ? context.instrument_count() : SymbolCache::kCapacity;
    for (std::size_t i = 0; i < count; ++i) {
        const InstrumentSpec* spec = context.instrument(InstrumentId(i));
        // Overwrites any earlier fill; a hole drops the old string.
        if (spec == nullptr) {
            lua_pushnil(L);
        } else {
            const std::string_view name = spec->name();
            lua_pushlstring(L, name.data(), name.size());
            cache.text[i] = lua_tostring(L, -1);
            cache.spec[i] = spec;
            cache.size = i + 1;
        }
        lua_rawseti(L, anchors, lua_Integer(i) + 1);
    }
    lua_pop(L, 1);
}

const InstrumentSpec* find_symbol(lua_State* L, const SymbolCache& cache, const Context& context, int index) {
    std::size_t size = 0;
    const char* symbol = lua_tolstring(L, index, &size);
    if (symbol == nullptr) return nullptr;
    for (std::size_t i = 0; i < cache.size; ++i)
        if (cache.text[i] == symbol) return cache.spec[i];
    return context.find_instrument(std::string_view(symbol, size));
}

void push_symbol(lua_State* L, const SymbolCache& cache, const Context* context, InstrumentId id, int anchors) {
    if (id < cache.size && cache.text[id] != nullptr) {
        lua_rawgeti(L, anchors, lua_Integer(id) + 1);
        return;
    }
    const InstrumentSpec* spec = context != nullptr ? context->instrument(id) : nullptr;
    if (spec != nullptr)
        lua_pushstring(L, spec->symbol.data());
    else
        lua_pushnil(L);
}

}  // namespace trellis::host
