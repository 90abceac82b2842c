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

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

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

// The lengths of an event's texts in the queue's text ring: the queue sets them as it writes the
// record (the line the caller built leaves them 0).
struct TextLengths {
    std::uint16_t text = 0, source = 0;
};

// The producer's side of copy_used_lines: the record's lines written with streaming stores
// (streaming_store.hpp) — one for an EventLine, two for a fill's EventRecord — as words composed
// from the fields. Inlined where the caller built `from` from its own state, the line lives in
// registers only: it is never stored and read back. Visible to another thread only after a
// streaming_fence().
namespace line_words {
static_assert(std::endian::native == std::endian::little, "the words are composed little-endian");
static_assert(offsetof(EventLine, strategy) == 40 && offsetof(EventLine, instrument) == 44 &&
                  offsetof(EventLine, text_len) == 46,
              "word 5: strategy, instrument, text_len");
static_assert(offsetof(EventLine, source_len) == 48 && offsetof(EventLine, kind) == 50 &&
                  offsetof(EventLine, code) == 51 && offsetof(EventLine, side) == 52 &&
                  offsetof(EventLine, reason) == 53 && offsetof(EventLine, liquidity) == 54,
              "word 6: source_len, kind, code, side, reason, liquidity; word 7 is padding");

// `v` placed at byte `byte` of a little-endian word.
template <class T>
std::uint64_t at(T v, unsigned byte) noexcept {
    return std::uint64_t(static_cast<std::make_unsigned_t<T>>(v)) << (8 * byte);
}
inline std::uint64_t word(std::int64_t v) noexcept { return static_cast<std::uint64_t>(v); }
inline std::uint64_t word(std::uint64_t v) noexcept { return v; }

inline void stream_first(void* to, const EventLine& e, TextLengths len) noexcept {
    stream_words(to, word(e.ts), word(e.order_id), word(e.price), word(e.qty), word(e.filled),
                 at(e.strategy, 0) | at(e.instrument, 4) | at(len.text, 6),
                 at(len.source, 0) | at(std::uint8_t(e.kind), 2) | at(e.code, 3) | at(e.side, 4) | at(e.reason, 5) |
                     at(e.liquidity, 6),
                 0);
}
}  // namespace line_words

inline void stream_lines(EventRecord& to, const EventLine& from, TextLengths len) noexcept {
    line_words::stream_first(&to, from, len);
}
inline void stream_lines(EventRecord& to, const EventRecord& fill, TextLengths len) noexcept {
    using line_words::word;
    line_words::stream_first(&to, fill, len);
    stream_words(reinterpret_cast<unsigned char*>(&to) + kCacheLine, word(fill.fee), word(fill.position),
                 word(fill.realized_pnl), word(fill.cash), 0, 0, 0, 0);
}

// A writer for EventQueue::push_with that streams an event already built (an EventLine, or a
// fill's EventRecord). `line` must outlive the push.
template <class Lines>
auto line_writer(const Lines& line) noexcept {
    return [&line](EventRecord& slot, TextLengths lengths) { stream_lines(slot, line, lengths); };
}

}  // namespace trellis::host::telemetry
