#pragma once
/// @file order.hpp
/// Order requests from strategies and order updates from venues.

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "trellis/types.hpp"

namespace trellis {

/// Limit or market.
enum class OrderType : std::uint8_t { Limit = 0, Market = 1 };

/// How long an order may rest.
enum class TimeInForce : std::uint8_t {
    GoodTillCancel = 0,     ///< rests until filled or cancelled
    ImmediateOrCancel = 1,  ///< fills what it can on arrival, cancels the rest
    PostOnly = 2,           ///< rejected if it would take liquidity on arrival
};

/// Where an order is in its life cycle. Terminal: Filled, Cancelled, Rejected.
enum class OrderStatus : std::uint8_t {
    PendingNew = 0,       ///< sent by the host, not yet acknowledged by the venue
    Accepted = 1,         ///< resting at the venue
    PartiallyFilled = 2,  ///< some quantity filled, the rest still live
    Filled = 3,           ///< completely filled (terminal)
    Cancelled = 4,        ///< cancelled, by request or by the venue (IOC rest) (terminal)
    Rejected = 5,         ///< refused by risk, the host or the venue (terminal)
    Replaced = 6,         ///< a cancel-replace took effect: new price/qty, order still live
    CancelRejected = 7,   ///< a cancel or replace request was refused; the order is unchanged
};

/// True for Filled, Cancelled and Rejected.
constexpr bool is_terminal(OrderStatus s) noexcept {
    return s == OrderStatus::Filled || s == OrderStatus::Cancelled || s == OrderStatus::Rejected;
}

/// Why an order or request was refused.
enum class RejectReason : std::uint8_t {
    None = 0,
    RiskRule,           ///< a pre-trade risk rule refused it (text names the rule)
    KillSwitch,         ///< the kill switch is engaged
    UnknownInstrument,  ///< the instrument id is not in the table
    InvalidPrice,       ///< not positive or not a multiple of the tick size
    InvalidQuantity,    ///< not positive or not a multiple of the lot size
    SelfMatch,          ///< it would have traded against the same host's resting order
    NoLiquidity,        ///< a market order met an empty book
    PostOnlyWouldTake,  ///< a post-only order would have crossed the spread
    UnknownOrder,       ///< cancel/replace of an order the venue does not know
    TooLateToCancel,    ///< the order was already filled or cancelled
    VenueHalted,        ///< the venue is halted
    TooManyOpenOrders,  ///< the host's order table is full
    AdapterError,       ///< the adapter failed to send it
};

/// Short lower-case name of a reject reason (stable; used in CSV output and metrics).
constexpr std::string_view to_string(RejectReason r) noexcept {
    switch (r) {
        case RejectReason::None:
            return "none";
        case RejectReason::RiskRule:
            return "risk_rule";
        case RejectReason::KillSwitch:
            return "kill_switch";
        case RejectReason::UnknownInstrument:
            return "unknown_instrument";
        case RejectReason::InvalidPrice:
            return "invalid_price";
        case RejectReason::InvalidQuantity:
            return "invalid_quantity";
        case RejectReason::SelfMatch:
            return "self_match";
        case RejectReason::NoLiquidity:
            return "no_liquidity";
        case RejectReason::PostOnlyWouldTake:
            return "post_only_would_take";
        case RejectReason::UnknownOrder:
            return "unknown_order";
        case RejectReason::TooLateToCancel:
            return "too_late_to_cancel";
        case RejectReason::VenueHalted:
            return "venue_halted";
        case RejectReason::TooManyOpenOrders:
            return "too_many_open_orders";
        case RejectReason::AdapterError:
            return "adapter_error";
    }
    return "unknown";
}

/// Short lower-case name of a status (stable; used in CSV output).
constexpr std::string_view to_string(OrderStatus s) noexcept {
    switch (s) {
        case OrderStatus::PendingNew:
            return "pending_new";
        case OrderStatus::Accepted:
            return "accepted";
        case OrderStatus::PartiallyFilled:
            return "partially_filled";
        case OrderStatus::Filled:
            return "filled";
        case OrderStatus::Cancelled:
            return "cancelled";
        case OrderStatus::Rejected:
            return "rejected";
        case OrderStatus::Replaced:
            return "replaced";
        case OrderStatus::CancelRejected:
            return "cancel_rejected";
    }
    return "unknown";
}

/// Which side of the spread a fill took.
enum class Liquidity : std::uint8_t { None = 0, Maker = 1, Taker = 2 };

/// Lower-case name of a liquidity flag ("none", "maker", "taker").
constexpr std::string_view to_string(Liquidity l) noexcept {
    switch (l) {
        case Liquidity::None:
            return "none";
        case Liquidity::Maker:
            return "maker";
        case Liquidity::Taker:
            return "taker";
    }
    return "none";
}

/// What a strategy asks for. The host assigns the OrderId.
struct OrderRequest {
    InstrumentId instrument = kNoInstrument;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::GoodTillCancel;
    Price price;                 ///< limit price (ignored for market orders)
    Quantity qty;                ///< total quantity, > 0
    std::uint64_t user_tag = 0;  ///< opaque to the host, echoed in updates
};

/// An order as the host hands it to an exchange adapter.
struct Order {
    OrderId id = kNoOrder;
    OrderRequest request;
    std::uint32_t strategy = 0;  ///< index of the owning strategy
    Timestamp created_ts = 0;    ///< host time the strategy submitted it
};

/// A bounded, NUL-terminated text (no allocation).
template <std::size_t N>
struct FixedText {
    std::array<char, N> data{};
    /// Copies s, truncated to N-1 chars.
    void assign(std::string_view s) noexcept {
        const std::size_t n = s.size() < N - 1 ? s.size() : N - 1;
        std::memcpy(data.data(), s.data(), n);
        data[n] = '\0';
    }
    std::string_view view() const noexcept { return std::string_view(data.data()); }
    bool empty() const noexcept { return data[0] == '\0'; }
};

/// A change in an order's state, from the venue (or from the host for local rejections).
struct OrderUpdate {
    Timestamp ts = 0;  ///< venue time of the change
    OrderId id = kNoOrder;
    InstrumentId instrument = kNoInstrument;
    Side side = Side::Buy;
    OrderStatus status = OrderStatus::PendingNew;
    RejectReason reason = RejectReason::None;
    Liquidity liquidity = Liquidity::None;  ///< for fills
    Price price;                            ///< current limit price of the order
    Quantity qty;                           ///< current total quantity of the order
    Quantity filled_qty;                    ///< cumulative filled quantity
    Price last_price;                       ///< price of this fill (fills only)
    Quantity last_qty;                      ///< quantity of this fill (fills only; 0 otherwise)
    Money last_fee = 0;                     ///< fee of this fill in Money units (negative = rebate)
    std::uint64_t user_tag = 0;             ///< echoed from OrderRequest
    std::uint32_t strategy = 0;             ///< owning strategy's index: set by the host on delivery, venues leave it
    FixedText<128> text;                    ///< human-readable detail (e.g. which risk rule and why)

    /// True if this update reports a fill.
    bool is_fill() const noexcept { return last_qty.raw > 0; }
};

}  // namespace trellis
