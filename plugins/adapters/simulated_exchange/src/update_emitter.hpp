#pragma once
// Builds every OrderUpdate the venue reports (ts = ctx.now()) and keeps the
// venue's counters in step with what it reports, so the two cannot disagree.
// Counters: orders (new orders received), fills (fill updates), cancels
// (Cancelled updates, requested or IOC/market remainder), rejects (Rejected
// and CancelRejected updates), self_match_prevented.

#include <cstdint>

#include "reason_text.hpp"
#include "trellis/context.hpp"
#include "trellis/order.hpp"

namespace trellis::simex {

class UpdateEmitter {
public:
    /// Binds to the host context and obtains the counters (start()).
    void bind(AdapterContext& ctx);
    bool bound() const noexcept { return ctx_ != nullptr; }
    AdapterContext& context() const noexcept { return *ctx_; }

    void order_received() noexcept { orders_->add(); }
    void self_match_prevented() noexcept { self_match_->add(); }

    void accepted(const Order& order) noexcept;
    void rejected(const Order& order, RejectReason reason, const ReasonText& text) noexcept;
    /// A fill of `qty` at `price`; `filled` is the cumulative filled quantity including it.
    void fill(const Order& order, std::int64_t filled, Price price, std::int64_t qty, Liquidity liquidity,
              Money fee) noexcept;
    void cancelled(const Order& order, std::int64_t filled, const ReasonText& text) noexcept;
    void replaced(const Order& order, std::int64_t filled) noexcept;
    /// A refused cancel/replace. `order` is null when the id is unknown.
    void cancel_rejected(OrderId id, const Order* order, std::int64_t filled, RejectReason reason,
                         const ReasonText& text) noexcept;

private:
    OrderUpdate make(const Order& order, OrderStatus status, std::int64_t filled) const noexcept;

    AdapterContext* ctx_ = nullptr;
    Counter* orders_ = nullptr;
    Counter* fills_ = nullptr;
    Counter* cancels_ = nullptr;
    Counter* rejects_ = nullptr;
    Counter* self_match_ = nullptr;
};

}  // namespace trellis::simex
