#include "lua/script_context.hpp"

#include <lua.hpp>
#include <string>
#include <string_view>

#include "lua/lua_raise.hpp"
#include "lua/read_only_table.hpp"
#include "lua/symbol_cache.hpp"
#include "trellis/units.hpp"

namespace trellis::host {

namespace {

ScriptHost& host_of(lua_State* L) { return *static_cast<ScriptHost*>(lua_touserdata(L, lua_upvalueindex(1))); }

// The host of a started plugin; raises before start.
ScriptHost& started_host_of(lua_State* L) {
    ScriptHost& host = host_of(L);
    if (host.context == nullptr) luaL_error(L, "ctx is not available before the plugin has started");
    return host;
}

Context& context_of(lua_State* L) { return *started_host_of(L).context; }

// The instrument named by argument `arg`; raises for an unknown symbol.
// Upvalue 2 is the state's SymbolCache: a script's symbol constant resolves by
// pointer comparison, without asking the host.
const InstrumentSpec& instrument_arg(lua_State* L, const Context& context, int arg) {
    luaL_checktype(L, arg, LUA_TSTRING);
    const auto& symbols = *static_cast<const SymbolCache*>(lua_touserdata(L, lua_upvalueindex(2)));
    if (const InstrumentSpec* spec = find_symbol(L, symbols, context, arg)) return *spec;
    MessageBuffer message;
    {
        std::string known;
        for (std::size_t i = 0; i < context.instrument_count(); ++i)
            if (const InstrumentSpec* spec = context.instrument(InstrumentId(i)))
                known.append(known.empty() ? "" : ", ").append(spec->name());
        message.set("unknown symbol '" + std::string(lua_tostring(L, arg)) +
                    "' (known: " + (known.empty() ? "none" : known) + ")");
    }
    raise_error(L, "", message);
}

void push_price_or_nil(lua_State* L, const InstrumentSpec& spec, Price p, bool present) {
    if (present)
        lua_pushnumber(L, spec.to_double(p));
    else
        lua_pushnil(L);
}

Side side_arg(lua_State* L, int arg) {
    std::size_t size = 0;
    const char* text = luaL_checklstring(L, arg, &size);
    const std::string_view side(text, size);
    if (side == "buy") return Side::Buy;
    if (side == "sell") return Side::Sell;
    luaL_error(L, "side must be \"buy\" or \"sell\", got \"%s\"", side.data());
    __builtin_unreachable();
}

// --- every kind ---

int ctx_now(lua_State* L) {
    lua_pushinteger(L, context_of(L).now());
    return 1;
}

int ctx_position(lua_State* L) {
    const Context& context = context_of(L);
    const InstrumentSpec& spec = instrument_arg(L, context, 1);
    lua_pushnumber(L, spec.to_double(context.position(spec.id).qty));
    return 1;
}

// The instrument named by argument 1 and its top of book as the script's plugin sees it.
struct InstrumentBook {
    const InstrumentSpec& spec;
    TopOfBook book;
};
InstrumentBook instrument_book_arg(lua_State* L) {
    const Context& context = context_of(L);
    const InstrumentSpec& spec = instrument_arg(L, context, 1);
    return {spec, context.top_of_book(spec.id)};
}

int ctx_mid(lua_State* L) {
    const auto [spec, book] = instrument_book_arg(L);
    if (book.two_sided())
        lua_pushnumber(L, (spec.to_double(book.bid) + spec.to_double(book.ask)) / 2.0);
    else
        lua_pushnil(L);
    return 1;
}

int ctx_bid(lua_State* L) {
    const auto [spec, book] = instrument_book_arg(L);
    push_price_or_nil(L, spec, book.bid, book.bid_qty.raw > 0);
    return 1;
}

int ctx_ask(lua_State* L) {
    const auto [spec, book] = instrument_book_arg(L);
    push_price_or_nil(L, spec, book.ask, book.ask_qty.raw > 0);
    return 1;
}

int ctx_last_trade(lua_State* L) {
    const auto [spec, book] = instrument_book_arg(L);
    push_price_or_nil(L, spec, book.last_trade, book.last_trade.raw != 0);
    return 1;
}

int ctx_tick_size(lua_State* L) {
    const InstrumentSpec& spec = instrument_arg(L, context_of(L), 1);
    lua_pushnumber(L, spec.to_double(spec.tick_size));
    return 1;
}

int ctx_lot_size(lua_State* L) {
    const InstrumentSpec& spec = instrument_arg(L, context_of(L), 1);
    lua_pushnumber(L, spec.to_double(spec.lot_size));
    return 1;
}

int ctx_log(lua_State* L) {
    Context& context = context_of(L);
    const std::string_view level = luaL_checkstring(L, 1);
    std::size_t size = 0;
    const char* text = luaL_tolstring(L, 2, &size);
    LogLevel parsed;
    if (level == "debug")
        parsed = LogLevel::Debug;
    else if (level == "info")
        parsed = LogLevel::Info;
    else if (level == "warn")
        parsed = LogLevel::Warn;
    else if (level == "error")
        parsed = LogLevel::Error;
    else
        return luaL_error(L, "ctx.log: level must be \"debug\", \"info\", \"warn\" or \"error\", got \"%s\"",
                          level.data());
    context.log(parsed, std::string_view(text, size));
    return 0;
}

// ctx.metric(name, value): sets the gauge "<plugin>.<name>". Upvalue 3: a
// cache name -> Gauge*, so only the first use of a name reaches the host.
int ctx_metric(lua_State* L) {
    Context& context = context_of(L);
    luaL_checkstring(L, 1);
    const double value = luaL_checknumber(L, 2);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(3)) == LUA_TLIGHTUSERDATA) {
        static_cast<Gauge*>(lua_touserdata(L, -1))->set(value);
        return 0;
    }
    lua_pop(L, 1);
    Gauge* gauge = nullptr;
    bool refused = false;
    {
        std::size_t size = 0;
        const char* name = lua_tolstring(L, 1, &size);
        try {
            gauge = &context.gauge(std::string_view(name, size));
        } catch (...) {
            refused = true;
        }
    }
    if (refused) return luaL_error(L, "ctx.metric: the host could not create gauge '%s'", lua_tostring(L, 1));
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, gauge);
    lua_rawset(L, lua_upvalueindex(3));
    gauge->set(value);
    return 0;
}

// --- risk rules ---

RiskContext& risk_of(lua_State* L) { return *started_host_of(L).risk; }

// ctx.open_orders([symbol]): the host's live orders, in one instrument or all.
int risk_open_orders(lua_State* L) {
    RiskContext& risk = risk_of(L);
    const InstrumentId id = lua_isnoneornil(L, 1) ? kNoInstrument : instrument_arg(L, risk, 1).id;
    lua_pushinteger(L, lua_Integer(risk.open_orders(id)));
    return 1;
}

// ctx.open_quantity(symbol, side): open quantity of the host's live orders, in units.
int risk_open_quantity(lua_State* L) {
    RiskContext& risk = risk_of(L);
    const InstrumentSpec& spec = instrument_arg(L, risk, 1);
    const Side side = side_arg(L, 2);
    lua_pushnumber(L, spec.to_double(risk.open_quantity(spec.id, side)));
    return 1;
}

// --- strategies ---

StrategyContext& strategy_of(lua_State* L) { return *started_host_of(L).strategy; }

// The price argument as a raw Price on the instrument's tick grid; raises otherwise.
Price price_arg(lua_State* L, const char* function, const InstrumentSpec& spec, int arg) {
    const double value = luaL_checknumber(L, arg);
    MessageBuffer message;
    std::int64_t raw = 0;
    {
        const auto fixed = to_fixed_point(value, spec.price_decimals);
        if (!fixed) {
            message.set("price " + format_number(value) + " " + fixed.error() + " (" + std::string(spec.name()) +
                        " prices have " + std::to_string(spec.price_decimals) + " decimals)");
        } else if (*fixed <= 0) {
            message.set("price " + format_number(value) + " must be positive");
        } else if (const std::int64_t tick = spec.tick_size.raw > 0 ? spec.tick_size.raw : 1; *fixed % tick != 0) {
            const std::int64_t below = *fixed / tick * tick;
            message.set("price " + format_number(value) + " is not a multiple of the " + std::string(spec.name()) +
                        " tick size " + format_fixed(tick, spec.price_decimals) +
                        " (nearest: " + format_fixed(below, spec.price_decimals) + " or " +
                        format_fixed(below + tick, spec.price_decimals) + ")");
        } else {
            raw = *fixed;
        }
    }
    if (raw == 0) raise_error(L, function, message);
    return Price{raw};
}

// The quantity argument as a raw Quantity of whole lots; raises otherwise.
Quantity qty_arg(lua_State* L, const char* function, const InstrumentSpec& spec, int arg) {
    const double value = luaL_checknumber(L, arg);
    MessageBuffer message;
    std::int64_t raw = 0;
    {
        const auto qty = order_quantity_from_units(value, spec, "qty");
        if (qty)
            raw = qty->raw;
        else
            message.set(qty.error());
    }
    if (raw == 0) raise_error(L, function, message);
    return Quantity{raw};
}

TimeInForce tif_arg(lua_State* L, int arg) {
    const std::string_view tif = luaL_optstring(L, arg, "gtc");
    if (tif == "gtc") return TimeInForce::GoodTillCancel;
    if (tif == "ioc") return TimeInForce::ImmediateOrCancel;
    if (tif == "post_only") return TimeInForce::PostOnly;
    luaL_error(L, "time in force must be \"gtc\", \"ioc\" or \"post_only\", got \"%s\"", tif.data());
    __builtin_unreachable();
}

// ctx.buy/sell(symbol, qty [, price [, tif]]): a limit order with a price, a
// market order without. Returns the order id, or nil if the host refused it at once.
int submit_order(lua_State* L, Side side, const char* function) {
    StrategyContext& strategy = strategy_of(L);
    const InstrumentSpec& spec = instrument_arg(L, strategy, 1);
    OrderRequest request;
    request.instrument = spec.id;
    request.side = side;
    request.qty = qty_arg(L, function, spec, 2);
    if (lua_isnoneornil(L, 3)) {
        request.type = OrderType::Market;
    } else {
        request.type = OrderType::Limit;
        request.price = price_arg(L, function, spec, 3);
    }
    request.tif = tif_arg(L, 4);
    const OrderId id = strategy.submit(request);
    if (id == kNoOrder)
        lua_pushnil(L);
    else
        lua_pushinteger(L, lua_Integer(id));
    return 1;
}

int strategy_buy(lua_State* L) { return submit_order(L, Side::Buy, "ctx.buy: "); }
int strategy_sell(lua_State* L) { return submit_order(L, Side::Sell, "ctx.sell: "); }

int strategy_cancel(lua_State* L) {
    StrategyContext& strategy = strategy_of(L);
    const lua_Integer id = luaL_checkinteger(L, 1);
    lua_pushboolean(L, strategy.cancel(OrderId(id)));
    return 1;
}

// ctx.replace(id, symbol, price, qty): a cancel-replace to a new price and total
// quantity. The symbol gives the units (the SDK does not say an order's instrument).
int strategy_replace(lua_State* L) {
    StrategyContext& strategy = strategy_of(L);
    const lua_Integer id = luaL_checkinteger(L, 1);
    const InstrumentSpec& spec = instrument_arg(L, strategy, 2);
    const Price price = price_arg(L, "ctx.replace: ", spec, 3);
    const Quantity qty = qty_arg(L, "ctx.replace: ", spec, 4);
    lua_pushboolean(L, strategy.replace(OrderId(id), price, qty));
    return 1;
}

// ctx.set_timer(seconds [, token]): on_timer(ctx, token) after `seconds` of host time.
int ctx_set_timer(lua_State* L) {
    Context& context = context_of(L);
    const double seconds = luaL_checknumber(L, 1);
    const lua_Integer token = luaL_optinteger(L, 2, 0);
    if (!(seconds >= 0.0) || seconds > 1e9)
        return luaL_error(L, "ctx.set_timer: delay must be between 0 and 1e9 seconds, got %f", seconds);
    context.set_timer(context.now() + duration_from_seconds(seconds), std::uint64_t(token));
    return 0;
}

// ctx.open_orders(): this strategy's live orders (the SDK gives a strategy its total only).
int strategy_open_orders(lua_State* L) {
    StrategyContext& strategy = strategy_of(L);
    if (!lua_isnoneornil(L, 1))
        return luaL_error(L,
                          "ctx.open_orders: a strategy sees only the total of its own live orders; call it without a "
                          "symbol");
    lua_pushinteger(L, lua_Integer(strategy.open_order_count()));
    return 1;
}

struct Function {
    const char* name;
    lua_CFunction fn;
};

constexpr Function kEveryKind[] = {
    {"now", ctx_now},
    {"position", ctx_position},
    {"mid", ctx_mid},
    {"bid", ctx_bid},
    {"ask", ctx_ask},
    {"last_trade", ctx_last_trade},
    {"tick_size", ctx_tick_size},
    {"lot_size", ctx_lot_size},
    {"log", ctx_log},
};
constexpr Function kRiskRule[] = {
    {"open_orders", risk_open_orders}, {"open_quantity", risk_open_quantity}, {"set_timer", ctx_set_timer}};
constexpr Function kStrategy[] = {{"buy", strategy_buy},        {"sell", strategy_sell},
                                  {"cancel", strategy_cancel},  {"replace", strategy_replace},
                                  {"set_timer", ctx_set_timer}, {"open_orders", strategy_open_orders}};

// Every function gets the upvalues (host, symbol cache).
void add_functions(lua_State* L, int table, ScriptHost& host, SymbolCache& symbols,
                   std::span<const Function> functions) {
    for (const Function& f : functions) {
        lua_pushlightuserdata(L, &host);
        lua_pushlightuserdata(L, &symbols);
        lua_pushcclosure(L, f.fn, 2);
        lua_setfield(L, table, f.name);
    }
}

int refuse_ctx_write(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "cannot modify 'ctx.%s': ctx is read-only (keep your own state in locals)", key);
}

}  // namespace

int create_script_context(lua_State* L, ScriptHost& host, SymbolCache& symbols, PluginKind kind, int params_index) {
    const int params = lua_absindex(L, params_index);
    lua_newtable(L);
    const int functions = lua_gettop(L);
    add_functions(L, functions, host, symbols, kEveryKind);
    lua_pushlightuserdata(L, &host);
    lua_pushlightuserdata(L, &symbols);
    lua_newtable(L);
    lua_pushcclosure(L, ctx_metric, 3);
    lua_setfield(L, functions, "metric");
    if (kind == PluginKind::RiskRule) add_functions(L, functions, host, symbols, kRiskRule);
    if (kind == PluginKind::Strategy) add_functions(L, functions, host, symbols, kStrategy);
    push_read_only_proxy(L, params, "params", "parameters are read-only (they come from the configuration)");
    lua_setfield(L, functions, "params");

    lua_newuserdatauv(L, 1, 0);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, functions);  // scripts read through it but can never get hold of the table itself
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, refuse_ctx_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "ctx");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);  // functions
    return ref;
}

}  // namespace trellis::host
