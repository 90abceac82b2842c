#pragma once
/// @file events.hpp
/// Fixed-size market-data and timer events that flow through the engine loop.

#include <cstdint>
#include <type_traits>

#include "trellis/types.hpp"

namespace trellis {

/// What a MarketEvent carries.
enum class MarketEventType : std::uint8_t {
    Quote = 1,        ///< L1: best bid and ask after an update (payload: quote)
    BookLevel = 2,    ///< L2: new total size at one price level; size 0 removes it (payload: level)
    Trade = 3,        ///< an execution (payload: trade)
    OrderAdd = 4,     ///< L3: a new resting order (payload: order)
    OrderReduce = 5,  ///< L3: part of a resting order cancelled; qty = amount removed (payload: order)
    OrderDelete = 6,  ///< L3: a resting order removed entirely; qty = its remaining size (payload: order)
    Halt = 7,         ///< trading halt indicator from the venue (no payload)
};

/// Flag bits of MarketEvent::flags.
enum MarketEventFlags : std::uint32_t {
    kFlagNone = 0,
    kFlagHiddenExecution = 1u << 0,  ///< trade against hidden liquidity (not in the visible book)
    kFlagSnapshot = 1u << 1,         ///< part of an initial book snapshot
    kFlagHaltStart = 1u << 2,        ///< Halt: trading stops
    kFlagHaltEnd = 1u << 3,          ///< Halt: trading resumes
};

/// L1 payload: best bid/ask and their sizes (0 size = side empty).
struct QuotePayload {
    Price bid;
    Price ask;
    Quantity bid_qty;
    Quantity ask_qty;
};

/// L2 payload: the new total visible size at one price level.
struct LevelPayload {
    Price price;
    Quantity qty;
};

/// Trade payload. MarketEvent::side is the aggressor side.
struct TradePayload {
    Price price;
    Quantity qty;
    std::uint64_t maker_order_id;  ///< venue id of the resting order hit, 0 if unknown
};

/// L3 payload: one venue order. MarketEvent::side is the side of the resting order.
struct OrderPayload {
    Price price;
    Quantity qty;
    std::uint64_t order_id;  ///< venue order id
};

/// One market-data event. Fixed size and trivially copyable, so it can live in
/// ring buffers and binary files as-is.
struct MarketEvent {
    Timestamp ts = 0;       ///< exchange time (ns)
    Timestamp recv_ts = 0;  ///< local receive time (ns); equals ts when unknown
    InstrumentId instrument = kNoInstrument;
    MarketEventType type = MarketEventType::Quote;
    Side side = Side::Buy;    ///< BookLevel/Order*: book side; Trade: aggressor
    std::uint32_t flags = 0;  ///< MarketEventFlags
    union {
        QuotePayload quote;
        LevelPayload level;
        TradePayload trade;
        OrderPayload order;
    };
    MarketEvent() noexcept : quote{} {}
};
static_assert(std::is_trivially_copyable_v<MarketEvent>);
static_assert(sizeof(MarketEvent) == 56);

/// A timer a plugin set with Context::set_timer has come due.
struct TimerEvent {
    Timestamp ts = 0;         ///< the time it was due
    std::uint64_t token = 0;  ///< the token passed to set_timer
};

}  // namespace trellis
