#pragma once
// The compact, fixed-size copy of one order/fill/risk/alert event that
// travels from the engine thread to the publisher thread. Numbers stay raw
// (fixed-point) here; the publisher scales them. Text — an order's reason, a
// risk event's source and text, an alert's source and message — is not in the
// record: it travels in the EventQueue's text ring, so a record stays small
// and events without text cost no text space.
//
// Layout: the first cache line holds everything an order, risk or alert event
// needs; the second holds what only a fill adds. The queue copies the second
// line for fills alone, so the engine thread writes one cache line per order
// event — the ring is what it pays for telemetry, line by line.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "telemetry/streaming_store.hpp"
#include "trellis/types.hpp"

namespace trellis::host::telemetry {

enum class EventKind : std::uint8_t {
    // No event for a bare submit: an order the checks refuse comes back as its Rejected update, and
    // one they pass as OrderReleased — a "new" event would add a quarter more events per order.
    OrderReleased,  // the order (or a replace of it) passed the checks (measurement `order`, status "released")
    OrderUpdate,    // a venue or host update (status = the order's new status)
    Fill,           // measurement `fill`
    Risk,           // measurement `risk_event`
    Alert,          // measurement `alert`
};

inline constexpr std::uint32_t kNoStrategy = ~0u;
inline constexpr std::size_t kCacheLine = 64;

// The first line: everything an order, risk or alert event needs. The engine thread builds just
// this for those events (64 bytes, no second line to clear).
struct alignas(kCacheLine) EventLine {
    Timestamp ts = 0;
    OrderId order_id = 0;
    std::int64_t price = 0;   // orders: current limit price; fills: the fill's price (raw)
    std::int64_t qty = 0;     // orders: current total quantity; fills: the fill's quantity (raw)
    std::int64_t filled = 0;  // orders: cumulative filled quantity (raw)
    std::uint32_t strategy = kNoStrategy;
    InstrumentId instrument = kNoInstrument;
    std::uint16_t text_len = 0;    // order reason text, risk text, alert message
    std::uint16_t source_len = 0;  // risk source, alert source (stored right after the text)
    EventKind kind = EventKind::OrderUpdate;
    std::uint8_t code = 0;       // OrderStatus (orders), RiskEventKind (risk), AlertSeverity (alerts)
    std::uint8_t side = 0;       // Side
    std::uint8_t reason = 0;     // RejectReason (orders), RiskLevel after the event (risk)
    std::uint8_t liquidity = 0;  // Liquidity (fills)
};

// A whole record: the first line, and the second that only a fill fills (its account after it).
struct EventRecord : EventLine {
    alignas(kCacheLine) Money fee = 0;  // this fill's fee
    std::int64_t position = 0;          // the instrument's position after it (raw)
    Money realized_pnl = 0;             // the instrument's realized PnL after it
    Money cash = 0;                     // the instrument's cash after it
};

static_assert(sizeof(EventLine) == kCacheLine, "a non-fill event fits one cache line");
static_assert(sizeof(EventRecord) == 2 * kCacheLine, "a fill's account is the second line");

// The consumer's copy of a record out of the ring: the lines that carry `from`'s content — the fill
// line only for a fill — so it touches no line the producer did not write. Constant sizes: a few
// vector stores, no memcpy call.
inline void copy_used_lines(EventRecord& to, const EventRecord& from) noexcept {
    if (from.kind == EventKind::Fill)
        std::memcpy(static_cast<void*>(&to), &from, sizeof(EventRecord));
    else
        std::memcpy(static_cast<void*>(&to), &from, kCacheLine);
}

// The producer's side of copy_used_lines: the record's lines written with streaming stores
// (streaming_store.hpp) — one for an EventLine, two for a fill's EventRecord. Visible to another
// thread only after a streaming_fence().
inline void stream_lines(EventRecord& to, const EventLine& from) noexcept {
    static_assert(kCacheLine == kStreamLine);
    stream_line(&to, &from);
}
inline void stream_lines(EventRecord& to, const EventRecord& fill) noexcept {
    stream_line(&to, &fill);
    stream_line(reinterpret_cast<unsigned char*>(&to) + kCacheLine,
                reinterpret_cast<const unsigned char*>(&fill) + kCacheLine);
}

}  // namespace trellis::host::telemetry
