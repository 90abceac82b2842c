#pragma once
// The values scripts receive for orders, quotes, trades, order updates and
// alerts: one userdata per kind of event, created once per lua_State. Before
// each call the host copies the event into its view (a plain struct copy, no
// Lua allocation), and __index, in C, reads a field only when the script asks,
// converting fixed-point numbers to instrument units. A script that keeps a
// view sees the latest event in it; unknown field names raise an error with a
// did-you-mean (a typo must not read as nil).

#include <array>
#include <cstdint>

#include "lua/script_host.hpp"
#include "lua/symbol_cache.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/events.hpp"
#include "trellis/order.hpp"
#include "trellis/risk_rule.hpp"

struct lua_State;

namespace trellis::host {

enum class ViewKind : std::uint8_t { Order, Quote, Trade, Update, Alert };
inline constexpr std::size_t kViewKindCount = 5;

// Where the host writes the event before a call, and the registry refs that push the views.
struct EventViews {
    OrderIntent* order = nullptr;
    MarketEvent* quote = nullptr;
    MarketEvent* trade = nullptr;
    OrderUpdate* update = nullptr;
    Alert* alert = nullptr;
    std::array<int, kViewKindCount> refs{};
};

// Creates the five views (host-side setup, before any call) and anchors every
// constant string a view returns, so reading a field never allocates.
// `host` and `symbols` must outlive the state.
EventViews create_event_views(lua_State* L, const ScriptHost& host, const SymbolCache& symbols);

// Pushes a view; no allocation.
void push_view(lua_State* L, const EventViews& views, ViewKind kind) noexcept;

}  // namespace trellis::host
