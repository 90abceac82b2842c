#include "lua/event_views.hpp"

#include <lua.hpp>
#include <span>
#include <string>
#include <string_view>

#include "lua/lua_raise.hpp"
#include "lua/symbol_cache.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

constexpr const char* kAnchorsKey = "trellis.anchors";
constexpr const char* kStrategyNamesKey = "trellis.strategy_names";

// What a field needs besides the event: the host's context and this state's symbols.
struct ViewEnv {
    const ScriptHost* host;
    const SymbolCache* symbols;
};

template <class T>
struct ViewField {
    std::string_view name;
    void (*push)(lua_State* L, const T& data, const ViewEnv& env);
};

// --- names of enum values, as scripts see them ---

constexpr std::string_view order_type_name(OrderType t) noexcept { return t == OrderType::Market ? "market" : "limit"; }
constexpr std::string_view tif_name(TimeInForce t) noexcept {
    switch (t) {
        case TimeInForce::GoodTillCancel:
            return "gtc";
        case TimeInForce::ImmediateOrCancel:
            return "ioc";
        case TimeInForce::PostOnly:
            return "post_only";
    }
    return "gtc";
}
constexpr std::string_view action_name(OrderIntent::Action a) noexcept {
    return a == OrderIntent::Action::Replace ? "replace" : "new";
}
constexpr std::string_view severity_name(AlertSeverity s) noexcept { return to_string(s); }
constexpr std::string_view liquidity_name(Liquidity l) noexcept { return to_string(l); }

// --- pushing values ---

void push_text(lua_State* L, std::string_view text) { lua_pushlstring(L, text.data(), text.size()); }

// Upvalues of every view's __index: the table anchoring the constant strings
// below, and the one anchoring the symbols (SymbolCache). Copying an anchored
// string out of a table skips hashing and interning the text on every read.
constexpr int kConstantsUpvalue = 1;
constexpr int kSymbolsUpvalue = 2;

// Where the names of one enum sit in the constants table: value v at base + v.
struct NameRange {
    int base;
    int count;
};
constexpr int after(NameRange r) noexcept { return r.base + r.count; }
template <class Enum>
constexpr int count_names() noexcept {
    int n = 0;
    while (to_string(Enum(n)) != "unknown") ++n;
    return n;
}
constexpr NameRange kSideNames{1, 2};
constexpr NameRange kOrderTypeNames{after(kSideNames), 2};
constexpr NameRange kTifNames{after(kOrderTypeNames), 3};
constexpr NameRange kActionNames{after(kTifNames), 2};
constexpr NameRange kSeverityNames{after(kActionNames), 3};
constexpr NameRange kLiquidityNames{after(kSeverityNames), 3};
constexpr NameRange kStatusNames{after(kLiquidityNames), count_names<OrderStatus>()};
constexpr NameRange kReasonNames{after(kStatusNames), count_names<RejectReason>()};

// Pushes the anchored name of `value` (called from __index only).
template <class Enum>
void push_name(lua_State* L, NameRange range, Enum value, std::string_view text) {
    if (const int i = int(value); i < range.count)
        lua_rawgeti(L, lua_upvalueindex(kConstantsUpvalue), range.base + i);
    else
        push_text(L, text);  // out of range: never anchored
}

const InstrumentSpec* spec_of(const ViewEnv& env, InstrumentId id) noexcept {
    if (id < env.symbols->size && env.symbols->spec[id] != nullptr) return env.symbols->spec[id];
    return env.host->context != nullptr ? env.host->context->instrument(id) : nullptr;
}

void push_symbol(lua_State* L, const ViewEnv& env, InstrumentId id) {
    host::push_symbol(L, *env.symbols, env.host->context, id, lua_upvalueindex(kSymbolsUpvalue));
}

void push_price(lua_State* L, const ViewEnv& env, InstrumentId id, Price p) {
    if (const InstrumentSpec* spec = spec_of(env, id))
        lua_pushnumber(L, spec->to_double(p));
    else
        lua_pushnil(L);
}

void push_qty(lua_State* L, const ViewEnv& env, InstrumentId id, Quantity q) {
    if (const InstrumentSpec* spec = spec_of(env, id))
        lua_pushnumber(L, spec->to_double(q));
    else
        lua_pushnil(L);
}

void push_money(lua_State* L, const ViewEnv& env, InstrumentId id, Money m) {
    if (const InstrumentSpec* spec = spec_of(env, id))
        lua_pushnumber(L, spec->money_to_double(m));
    else
        lua_pushnil(L);
}

// A strategy's name, anchored in the state the first time it is asked for.
void push_strategy_name(lua_State* L, const ViewEnv& env, std::uint32_t strategy) {
    const ScriptHost& host = *env.host;
    if (host.risk == nullptr) {
        lua_pushnil(L);
        return;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, kStrategyNamesKey);
    if (lua_rawgeti(L, -1, lua_Integer(strategy) + 1) == LUA_TNIL) {
        lua_pop(L, 1);
        push_text(L, host.risk->strategy_name(strategy));
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, lua_Integer(strategy) + 1);
    }
    lua_remove(L, -2);
}

// --- the fields of each view ---

struct OrderTraits {
    using Data = OrderIntent;
    static constexpr const char* kName = "order";
    static constexpr std::array<ViewField<Data>, 13> kFields = {{
        {"id", [](lua_State* L, const Data& o, const ViewEnv&) { lua_pushinteger(L, lua_Integer(o.id)); }},
        {"action", [](lua_State* L, const Data& o,
                      const ViewEnv&) { push_name(L, kActionNames, o.action, action_name(o.action)); }},
        {"side", [](lua_State* L, const Data& o,
                    const ViewEnv&) { push_name(L, kSideNames, o.request.side, to_string(o.request.side)); }},
        {"type",
         [](lua_State* L, const Data& o, const ViewEnv&) {
             push_name(L, kOrderTypeNames, o.request.type, order_type_name(o.request.type));
         }},
        {"tif", [](lua_State* L, const Data& o,
                   const ViewEnv&) { push_name(L, kTifNames, o.request.tif, tif_name(o.request.tif)); }},
        {"symbol", [](lua_State* L, const Data& o, const ViewEnv& h) { push_symbol(L, h, o.request.instrument); }},
        {"instrument", [](lua_State* L, const Data& o, const ViewEnv&) { lua_pushinteger(L, o.request.instrument); }},
        {"price",
         [](lua_State* L, const Data& o, const ViewEnv& h) {
             if (o.request.type == OrderType::Market)
                 lua_pushnil(L);
             else
                 push_price(L, h, o.request.instrument, o.request.price);
         }},
        {"qty",
         [](lua_State* L, const Data& o, const ViewEnv& h) { push_qty(L, h, o.request.instrument, o.request.qty); }},
        {"notional",
         [](lua_State* L, const Data& o, const ViewEnv& h) {
             if (o.request.type == OrderType::Market)
                 lua_pushnil(L);
             else
                 push_money(L, h, o.request.instrument, notional(o.request.price, o.request.qty));
         }},
        {"previous_open",
         [](lua_State* L, const Data& o, const ViewEnv& h) { push_qty(L, h, o.request.instrument, o.previous_open); }},
        {"strategy", [](lua_State* L, const Data& o, const ViewEnv& h) { push_strategy_name(L, h, o.strategy); }},
        {"tag",
         [](lua_State* L, const Data& o, const ViewEnv&) { lua_pushinteger(L, lua_Integer(o.request.user_tag)); }},
    }};
};

struct QuoteTraits {
    using Data = MarketEvent;
    static constexpr const char* kName = "quote";
    static constexpr std::array<ViewField<Data>, 9> kFields = {{
        {"symbol", [](lua_State* L, const Data& e, const ViewEnv& h) { push_symbol(L, h, e.instrument); }},
        {"instrument", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.instrument); }},
        {"bid",
         [](lua_State* L, const Data& e, const ViewEnv& h) {
             if (e.quote.bid_qty.raw > 0)
                 push_price(L, h, e.instrument, e.quote.bid);
             else
                 lua_pushnil(L);
         }},
        {"ask",
         [](lua_State* L, const Data& e, const ViewEnv& h) {
             if (e.quote.ask_qty.raw > 0)
                 push_price(L, h, e.instrument, e.quote.ask);
             else
                 lua_pushnil(L);
         }},
        {"bid_qty",
         [](lua_State* L, const Data& e, const ViewEnv& h) { push_qty(L, h, e.instrument, e.quote.bid_qty); }},
        {"ask_qty",
         [](lua_State* L, const Data& e, const ViewEnv& h) { push_qty(L, h, e.instrument, e.quote.ask_qty); }},
        {"mid",
         [](lua_State* L, const Data& e, const ViewEnv& h) {
             const InstrumentSpec* spec = spec_of(h, e.instrument);
             if (spec == nullptr || e.quote.bid_qty.raw <= 0 || e.quote.ask_qty.raw <= 0)
                 lua_pushnil(L);
             else
                 lua_pushnumber(L, (spec->to_double(e.quote.bid) + spec->to_double(e.quote.ask)) / 2.0);
         }},
        {"ts", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.ts); }},
        {"recv_ts", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.recv_ts); }},
    }};
};

struct TradeTraits {
    using Data = MarketEvent;
    static constexpr const char* kName = "trade";
    static constexpr std::array<ViewField<Data>, 7> kFields = {{
        {"symbol", [](lua_State* L, const Data& e, const ViewEnv& h) { push_symbol(L, h, e.instrument); }},
        {"instrument", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.instrument); }},
        {"price", [](lua_State* L, const Data& e, const ViewEnv& h) { push_price(L, h, e.instrument, e.trade.price); }},
        {"qty", [](lua_State* L, const Data& e, const ViewEnv& h) { push_qty(L, h, e.instrument, e.trade.qty); }},
        {"side",
         [](lua_State* L, const Data& e, const ViewEnv&) { push_name(L, kSideNames, e.side, to_string(e.side)); }},
        {"ts", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.ts); }},
        {"recv_ts", [](lua_State* L, const Data& e, const ViewEnv&) { lua_pushinteger(L, e.recv_ts); }},
    }};
};

struct UpdateTraits {
    using Data = OrderUpdate;
    static constexpr const char* kName = "update";
    static constexpr std::array<ViewField<Data>, 17> kFields = {{
        {"id", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushinteger(L, lua_Integer(u.id)); }},
        {"symbol", [](lua_State* L, const Data& u, const ViewEnv& h) { push_symbol(L, h, u.instrument); }},
        {"instrument", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushinteger(L, u.instrument); }},
        {"side",
         [](lua_State* L, const Data& u, const ViewEnv&) { push_name(L, kSideNames, u.side, to_string(u.side)); }},
        {"status", [](lua_State* L, const Data& u,
                      const ViewEnv&) { push_name(L, kStatusNames, u.status, to_string(u.status)); }},
        {"reason", [](lua_State* L, const Data& u,
                      const ViewEnv&) { push_name(L, kReasonNames, u.reason, to_string(u.reason)); }},
        {"price", [](lua_State* L, const Data& u, const ViewEnv& h) { push_price(L, h, u.instrument, u.price); }},
        {"qty", [](lua_State* L, const Data& u, const ViewEnv& h) { push_qty(L, h, u.instrument, u.qty); }},
        {"filled_qty",
         [](lua_State* L, const Data& u, const ViewEnv& h) { push_qty(L, h, u.instrument, u.filled_qty); }},
        {"last_price",
         [](lua_State* L, const Data& u, const ViewEnv& h) {
             if (u.is_fill())
                 push_price(L, h, u.instrument, u.last_price);
             else
                 lua_pushnil(L);
         }},
        {"last_qty", [](lua_State* L, const Data& u, const ViewEnv& h) { push_qty(L, h, u.instrument, u.last_qty); }},
        {"fee", [](lua_State* L, const Data& u, const ViewEnv& h) { push_money(L, h, u.instrument, u.last_fee); }},
        {"is_fill", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushboolean(L, u.is_fill()); }},
        {"liquidity", [](lua_State* L, const Data& u,
                         const ViewEnv&) { push_name(L, kLiquidityNames, u.liquidity, liquidity_name(u.liquidity)); }},
        {"tag", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushinteger(L, lua_Integer(u.user_tag)); }},
        {"text", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushstring(L, u.text.data.data()); }},
        {"ts", [](lua_State* L, const Data& u, const ViewEnv&) { lua_pushinteger(L, u.ts); }},
    }};
};

struct AlertTraits {
    using Data = Alert;
    static constexpr const char* kName = "alert";
    static constexpr std::array<ViewField<Data>, 4> kFields = {{
        {"ts", [](lua_State* L, const Data& a, const ViewEnv&) { lua_pushinteger(L, a.ts); }},
        {"severity", [](lua_State* L, const Data& a,
                        const ViewEnv&) { push_name(L, kSeverityNames, a.severity, severity_name(a.severity)); }},
        {"source", [](lua_State* L, const Data& a, const ViewEnv&) { lua_pushstring(L, a.source.data.data()); }},
        {"message", [](lua_State* L, const Data& a, const ViewEnv&) { lua_pushstring(L, a.message.data.data()); }},
    }};
};

// The userdata behind a view: the event, the host, and this state's interned
// field names. Lua interns short strings, so the key __index receives is the
// very string anchored here when it names a field: comparing pointers
// replaces comparing text.
template <class Traits>
struct ViewBox {
    typename Traits::Data data;
    ViewEnv env;
    std::array<const char*, Traits::kFields.size()> keys;
};

template <class Traits>
constexpr auto field_names() {
    std::array<std::string_view, Traits::kFields.size()> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = Traits::kFields[i].name;
    return names;
}

[[noreturn]] void raise_unknown_field(lua_State* L, const char* view, std::span<const std::string_view> names) {
    MessageBuffer message;
    {
        const std::string key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
        std::string hint = did_you_mean(key, names);
        if (hint.empty()) hint = "; its fields are " + join(names);
        message.set(std::string(view) + " has no field '" + key + "'" + hint);
    }
    raise_error(L, "", message);
}

// __index of a view.
template <class Traits>
int read_field(lua_State* L) {
    static constexpr auto kNames = field_names<Traits>();
    const auto* box = static_cast<const ViewBox<Traits>*>(lua_touserdata(L, 1));
    if (const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, nullptr) : nullptr) {
        for (std::size_t i = 0; i < box->keys.size(); ++i) {
            if (key != box->keys[i]) continue;
            Traits::kFields[i].push(L, box->data, box->env);
            return 1;
        }
    }
    raise_unknown_field(L, Traits::kName, kNames);
}

// __newindex of a view. Upvalue: the view's name.
int refuse_view_write(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "cannot modify '%s.%s': event views are read-only (copy the values you need)",
                      lua_tostring(L, lua_upvalueindex(1)), key);
}

template <class Traits>
typename Traits::Data* create_view(lua_State* L, const ViewEnv& env, int anchors, int& ref) {
    using Box = ViewBox<Traits>;
    static_assert(std::is_trivially_destructible_v<Box>);  // Lua frees it without a destructor
    auto* box = static_cast<Box*>(lua_newuserdatauv(L, sizeof(Box), 0));
    new (box) Box{typename Traits::Data{}, env, {}};
    for (std::size_t i = 0; i < box->keys.size(); ++i) {
        const std::string_view name = Traits::kFields[i].name;
        lua_pushlstring(L, name.data(), name.size());
        box->keys[i] = lua_tostring(L, -1);
        lua_rawseti(L, anchors, lua_Integer(lua_rawlen(L, anchors)) + 1);  // keeps that very string alive
    }
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, anchors);  // kConstantsUpvalue
    push_symbol_anchors(L);     // kSymbolsUpvalue
    lua_pushcclosure(L, &read_field<Traits>, 2);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, Traits::kName);
    lua_pushcclosure(L, &refuse_view_write, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushstring(L, Traits::kName);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return &box->data;
}

template <class Enum, class Name>
void anchor_names(lua_State* L, int anchors, NameRange range, Name name) {
    for (int i = 0; i < range.count; ++i) {
        push_text(L, name(Enum(i)));
        lua_rawseti(L, anchors, range.base + i);
    }
}

// Every constant string a view can return, at the places push_name reads them.
void anchor_constants(lua_State* L, int anchors) {
    const auto text = [](auto value) { return to_string(value); };
    anchor_names<Side>(L, anchors, kSideNames, text);
    anchor_names<OrderType>(L, anchors, kOrderTypeNames, order_type_name);
    anchor_names<TimeInForce>(L, anchors, kTifNames, tif_name);
    anchor_names<OrderIntent::Action>(L, anchors, kActionNames, action_name);
    anchor_names<AlertSeverity>(L, anchors, kSeverityNames, severity_name);
    anchor_names<Liquidity>(L, anchors, kLiquidityNames, liquidity_name);
    anchor_names<OrderStatus>(L, anchors, kStatusNames, text);
    anchor_names<RejectReason>(L, anchors, kReasonNames, text);
}

}  // namespace

EventViews create_event_views(lua_State* L, const ScriptHost& host, const SymbolCache& symbols) {
    const ViewEnv env{&host, &symbols};
    lua_newtable(L);
    const int anchors = lua_gettop(L);
    anchor_constants(L, anchors);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kStrategyNamesKey);

    EventViews views;
    views.order = create_view<OrderTraits>(L, env, anchors, views.refs[std::size_t(ViewKind::Order)]);
    views.quote = create_view<QuoteTraits>(L, env, anchors, views.refs[std::size_t(ViewKind::Quote)]);
    views.trade = create_view<TradeTraits>(L, env, anchors, views.refs[std::size_t(ViewKind::Trade)]);
    views.update = create_view<UpdateTraits>(L, env, anchors, views.refs[std::size_t(ViewKind::Update)]);
    views.alert = create_view<AlertTraits>(L, env, anchors, views.refs[std::size_t(ViewKind::Alert)]);
    lua_setfield(L, LUA_REGISTRYINDEX, kAnchorsKey);
    return views;
}

void push_view(lua_State* L, const EventViews& views, ViewKind kind) noexcept {
    lua_rawgeti(L, LUA_REGISTRYINDEX, views.refs[std::size_t(kind)]);
}

}  // namespace trellis::host
