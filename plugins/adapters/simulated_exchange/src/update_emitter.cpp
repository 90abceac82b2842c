#include "update_emitter.hpp"

namespace trellis::simex {

void UpdateEmitter::bind(AdapterContext& ctx) {
    ctx_ = &ctx;
    orders_ = &ctx.counter("orders");
    fills_ = &ctx.counter("fills");
    cancels_ = &ctx.counter("cancels");
    rejects_ = &ctx.counter("rejects");
    self_match_ = &ctx.counter("self_match_prevented");
}

OrderUpdate UpdateEmitter::make(const Order& order, OrderStatus status, std::int64_t filled) const noexcept {
    OrderUpdate u;
    u.ts = ctx_->now();
    u.id = order.id;
    u.instrument = order.request.instrument;
    u.side = order.request.side;
    u.status = status;
    u.price = order.request.type == OrderType::Market ? Price{} : order.request.price;
    u.qty = order.request.qty;
    u.filled_qty = Quantity{filled};
    u.user_tag = order.request.user_tag;
    return u;
}

void UpdateEmitter::accepted(const Order& order) noexcept { ctx_->emit(make(order, OrderStatus::Accepted, 0)); }

void UpdateEmitter::rejected(const Order& order, RejectReason reason, const ReasonText& text) noexcept {
    OrderUpdate u = make(order, OrderStatus::Rejected, 0);
    u.reason = reason;
    u.text.assign(text.view());
    rejects_->add();
    ctx_->emit(u);
}

void UpdateEmitter::fill(const Order& order, std::int64_t filled, Price price, std::int64_t qty, Liquidity liquidity,
                         Money fee) noexcept {
    const bool done = filled >= order.request.qty.raw;
    OrderUpdate u = make(order, done ? OrderStatus::Filled : OrderStatus::PartiallyFilled, filled);
    u.liquidity = liquidity;
    u.last_price = price;
    u.last_qty = Quantity{qty};
    u.last_fee = fee;
    fills_->add();
    ctx_->emit(u);
}

void UpdateEmitter::cancelled(const Order& order, std::int64_t filled, const ReasonText& text) noexcept {
    OrderUpdate u = make(order, OrderStatus::Cancelled, filled);
    u.text.assign(text.view());
    cancels_->add();
    ctx_->emit(u);
}

void UpdateEmitter::replaced(const Order& order, std::int64_t filled) noexcept {
    ctx_->emit(make(order, OrderStatus::Replaced, filled));
}

void UpdateEmitter::cancel_rejected(OrderId id, const Order* order, std::int64_t filled, RejectReason reason,
                                    const ReasonText& text) noexcept {
    OrderUpdate u;
    if (order) {
        u = make(*order, OrderStatus::CancelRejected, filled);
    } else {
        u.ts = ctx_->now();
        u.id = id;
        u.status = OrderStatus::CancelRejected;
    }
    u.reason = reason;
    u.text.assign(text.view());
    rejects_->add();
    ctx_->emit(u);
}

}  // namespace trellis::simex
