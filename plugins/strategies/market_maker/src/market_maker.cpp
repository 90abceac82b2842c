#include "market_maker.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "trellis/state_codec.hpp"
#include "trellis/units.hpp"

namespace trellis::market_maker {

namespace {

constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'M', 'M'};
constexpr std::uint32_t kSnapshotVersion = 1;

// Integer division rounding toward −∞ / +∞ (prices are positive, but be exact anyway).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
constexpr std::int64_t ceil_div(std::int64_t a, std::int64_t b) noexcept { return -floor_div(-a, b); }

void put_slot(StateWriter& w, const QuoteSlot& s) {
    w.put(s.id);
    w.put(std::uint8_t(s.state));
    w.put(std::uint8_t(s.request_pending));
    w.put(s.price.raw);
    w.put(s.qty.raw);
    w.put(s.filled.raw);
    w.put(s.retry_after);
}

bool get_slot(StateReader& r, QuoteSlot& s) {
    std::uint8_t state = 0, pending = 0;
    const bool ok = r.get(s.id) && r.get(state) && r.get(pending) && r.get(s.price.raw) && r.get(s.qty.raw) &&
                    r.get(s.filled.raw) && r.get(s.retry_after);
    if (!ok || state > std::uint8_t(QuoteSlot::State::Live) || pending > 1) return false;
    s.state = QuoteSlot::State(state);
    s.request_pending = pending != 0;
    return true;
}

}  // namespace

MarketMaker::MarketMaker(const Params& params)
    : config_(read_config(params)),
      model_(config_.gamma, config_.kappa, config_.horizon_s, double(config_.half_spread_ticks)),
      volatility_(config_.volatility_halflife_s, config_.initial_volatility_ticks) {}

Status MarketMaker::start(StrategyContext& ctx) {
    const auto spec = resolve_instrument(ctx, config_.symbol);
    if (!spec) return Status::error(StatusCode::NotFound, "market_maker: " + spec.error());
    const auto order_qty = order_quantity_from_units(config_.order_size, **spec, "params.order_size");
    if (!order_qty) return Status::error(StatusCode::InvalidArgument, "market_maker: " + order_qty.error());
    const auto max_inventory = quantity_from_units(config_.max_inventory, **spec, "params.max_inventory");
    if (!max_inventory) return Status::error(StatusCode::InvalidArgument, "market_maker: " + max_inventory.error());
    if ((*spec)->tick_size.raw <= 0)
        return Status::error(StatusCode::InvalidArgument,
                             "market_maker: instrument " + std::string((*spec)->name()) + " has no positive tick size");

    instrument_ = (*spec)->id;
    tick_ = (*spec)->tick_size.raw;
    order_qty_ = *order_qty;
    max_inventory_ = *max_inventory;
    requote_raw_ = config_.requote_ticks * tick_;
    units_per_raw_qty_ = 1.0 / double(pow10((*spec)->qty_decimals));
    // Adopt a position the account already holds, unless a predecessor handed over its own view.
    if (!restored_) inventory_ = ctx.position(instrument_).qty;

    submitted_ = &ctx.counter("quotes_submitted");
    replaced_ = &ctx.counter("quotes_replaced");
    cancelled_ = &ctx.counter("quotes_cancelled");
    fills_ = &ctx.counter("fills");
    rejects_ = &ctx.counter("rejects");
    cancel_rejects_ = &ctx.counter("cancel_rejects");
    inventory_gauge_ = &ctx.gauge("inventory");
    sigma_gauge_ = &ctx.gauge("sigma_ticks");
    inventory_gauge_->set(double(inventory_.raw) * units_per_raw_qty_);
    sigma_gauge_->set(volatility_.sigma());
    ctx_ = &ctx;
    return Status::ok();
}

void MarketMaker::stop() noexcept {
    // Live quotes are left alone: in a hot swap the successor adopts them via
    // snapshot(); at the end of a run the host cancels what is still open.
    ctx_ = nullptr;
}

void MarketMaker::on_quote(const MarketEvent& event) noexcept {
    if (!ctx_ || event.instrument != instrument_) return;
    const QuotePayload& book = event.quote;
    const Timestamp now = ctx_->now();
    if (book.bid_qty.raw <= 0 || book.ask_qty.raw <= 0 || book.bid >= book.ask) {
        pull_quotes(now);  // no two-sided market means no fair price: stand aside
        return;
    }

    const double mid_ticks = double(book.bid.raw + book.ask.raw) / double(2 * tick_);
    if (volatility_.observe(event.ts, mid_ticks)) sigma_gauge_->set(volatility_.sigma());
    const double inventory_clips = double(inventory_.raw) / double(order_qty_.raw);
    const QuoteTicks wanted = model_.quote(mid_ticks, inventory_clips, volatility_.variance());

    // Never cross: a bid at/above the best ask or an ask at/below the best bid would
    // take liquidity (PostOnly would be rejected), so pin them one tick inside.
    const std::int64_t bid_ticks = std::min(wanted.bid, ceil_div(book.ask.raw, tick_) - 1);
    const std::int64_t ask_ticks = std::max(wanted.ask, floor_div(book.bid.raw, tick_) + 1);

    // Worst case if the side's order fills completely: a live order adds what it can
    // still fill, a new one its full size.
    const Quantity bid_exposure = bid_.state == QuoteSlot::State::Empty ? order_qty_ : bid_.remaining();
    const Quantity ask_exposure = ask_.state == QuoteSlot::State::Empty ? order_qty_ : ask_.remaining();
    const bool bid_allowed = bid_ticks > 0 && inventory_.raw + bid_exposure.raw <= max_inventory_.raw;
    const bool ask_allowed = inventory_.raw - ask_exposure.raw >= -max_inventory_.raw;

    quote_side(bid_, Side::Buy, bid_allowed, Price{bid_ticks * tick_}, now);
    quote_side(ask_, Side::Sell, ask_allowed, Price{ask_ticks * tick_}, now);
}

void MarketMaker::quote_side(QuoteSlot& slot, Side side, bool allowed, Price price, Timestamp now) noexcept {
    // One request in flight per side, and none during the back-off after a refusal.
    if (slot.busy() || now < slot.retry_after) return;
    if (!allowed) {
        if (slot.state == QuoteSlot::State::Live) send_cancel(slot);
        return;
    }
    if (slot.state == QuoteSlot::State::Empty)
        send_new(slot, side, price, now);
    else if (std::abs(price.raw - slot.price.raw) >= requote_raw_)
        send_replace(slot, price);
}

void MarketMaker::send_new(QuoteSlot& slot, Side side, Price price, Timestamp now) noexcept {
    OrderRequest request;
    request.instrument = instrument_;
    request.side = side;
    request.type = OrderType::Limit;
    request.tif = TimeInForce::PostOnly;
    request.price = price;
    request.qty = order_qty_;
    const OrderId id = ctx_->submit(request);
    if (id == kNoOrder) {  // refused at once; its Rejected update carries no id of ours
        slot.retry_after = now + config_.reject_backoff;
        rejects_->add();
        return;
    }
    slot.id = id;
    slot.state = QuoteSlot::State::PendingNew;
    slot.request_pending = false;
    slot.price = price;
    slot.qty = order_qty_;
    slot.filled = Quantity{};
    submitted_->add();
}

void MarketMaker::send_replace(QuoteSlot& slot, Price price) noexcept {
    // Same total quantity: what is left to fill stays the same after partial fills.
    if (!ctx_->replace(slot.id, price, slot.qty)) {
        slot.clear();  // the host no longer knows it as live: it is gone
        return;
    }
    slot.request_pending = true;
    replaced_->add();
}

void MarketMaker::send_cancel(QuoteSlot& slot) noexcept {
    if (!ctx_->cancel(slot.id)) {
        slot.clear();
        return;
    }
    slot.request_pending = true;
    cancelled_->add();
}

void MarketMaker::pull_quotes(Timestamp now) noexcept {
    quote_side(bid_, Side::Buy, false, Price{}, now);
    quote_side(ask_, Side::Sell, false, Price{}, now);
}

QuoteSlot* MarketMaker::slot_for(OrderId id) noexcept {
    if (bid_.owns(id)) return &bid_;
    if (ask_.owns(id)) return &ask_;
    return nullptr;
}

void MarketMaker::on_order_update(const OrderUpdate& update) noexcept {
    if (!ctx_ || update.instrument != instrument_) return;
    // Fills count toward inventory even for an order we no longer track (e.g. a
    // fill that raced our cancel): position must equal the sum of fills.
    if (update.is_fill()) {
        inventory_.raw += sign(update.side) * update.last_qty.raw;
        fills_->add();
        inventory_gauge_->set(double(inventory_.raw) * units_per_raw_qty_);
    }
    QuoteSlot* slot = slot_for(update.id);
    if (!slot) return;
    const Timestamp now = ctx_->now();
    switch (update.status) {
        case OrderStatus::PendingNew:
            break;
        case OrderStatus::Accepted:
            slot->state = QuoteSlot::State::Live;
            break;
        case OrderStatus::PartiallyFilled:
            slot->state = QuoteSlot::State::Live;
            slot->filled = update.filled_qty;
            break;
        case OrderStatus::Replaced:
            slot->state = QuoteSlot::State::Live;
            slot->request_pending = false;
            slot->price = update.price;
            slot->qty = update.qty;
            slot->filled = update.filled_qty;
            break;
        case OrderStatus::Filled:
        case OrderStatus::Cancelled:
            slot->clear();
            break;
        case OrderStatus::Rejected:
            // Back off; the side is quoted again on a quote after the back-off, never from here.
            slot->clear();
            slot->retry_after = now + config_.reject_backoff;
            rejects_->add();
            break;
        case OrderStatus::CancelRejected:
            slot->request_pending = false;
            cancel_rejects_->add();
            if (update.reason == RejectReason::UnknownOrder || update.reason == RejectReason::TooLateToCancel)
                slot->clear();  // the order is no longer live at the venue
            else
                slot->retry_after = now + config_.reject_backoff;  // unchanged; do not hammer the refusal
            break;
    }
}

std::vector<std::byte> MarketMaker::snapshot() const {
    StateWriter w(kSnapshotMagic, kSnapshotVersion);
    w.put_string(config_.symbol);
    w.put(inventory_.raw);
    const EwmaVolatility::State& v = volatility_.state();
    w.put(v.variance);
    w.put(v.last_mid);
    w.put(v.last_ts);
    w.put(std::uint8_t(v.has_mid));
    put_slot(w, bid_);
    put_slot(w, ask_);
    return std::move(w).take();
}

Status MarketMaker::restore(std::span<const std::byte> state) {
    if (state.empty()) return Status::ok();
    StateReader r(state);
    if (const auto version = r.read_header(kSnapshotMagic, kSnapshotVersion, "market_maker"); !version)
        return Status::error(StatusCode::InvalidArgument, "market_maker: " + version.error());
    std::string symbol;
    Quantity inventory;
    EwmaVolatility::State v;
    std::uint8_t has_mid = 0;
    QuoteSlot bid, ask;
    const bool ok = r.get_string(symbol, 64) && r.get(inventory.raw) && r.get(v.variance) && r.get(v.last_mid) &&
                    r.get(v.last_ts) && r.get(has_mid) && has_mid <= 1 && get_slot(r, bid) && get_slot(r, ask) &&
                    r.at_end();
    if (!ok)
        return Status::error(StatusCode::InvalidArgument, "market_maker: snapshot is truncated or corrupt (" +
                                                              std::to_string(state.size()) +
                                                              " bytes); start without restoring");
    if (symbol != config_.symbol)
        return Status::error(StatusCode::InvalidArgument, "market_maker: snapshot quotes '" + symbol +
                                                              "' but this instance is configured for '" +
                                                              config_.symbol + "'; restore into a matching instance");
    v.has_mid = has_mid != 0;
    inventory_ = inventory;
    volatility_.set_state(v);
    bid_ = bid;
    ask_ = ask;
    restored_ = true;
    return Status::ok();
}

}  // namespace trellis::market_maker
