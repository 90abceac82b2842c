#include "dip_buyer.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "trellis/state_codec.hpp"
#include "trellis/units.hpp"

namespace trellis::dip_buyer {

namespace {
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'D', 'B'};
constexpr std::uint32_t kSnapshotVersion = 1;
constexpr std::uint32_t kMaxSnapshotEntries = 1u << 24;  // the schema's window_capacity maximum
}  // namespace

DipBuyer::DipBuyer(const Params& params)
    : config_(read_config(params)), rolling_(config_.window, std::size_t(config_.window_capacity)) {}

Status DipBuyer::start(StrategyContext& ctx) {
    const auto spec = resolve_instrument(ctx, config_.symbol);
    if (!spec) return Status::error(StatusCode::NotFound, "dip_buyer: " + spec.error());
    const auto order_qty = order_quantity_from_units(config_.order_size, **spec, "params.order_size");
    if (!order_qty) return Status::error(StatusCode::InvalidArgument, "dip_buyer: " + order_qty.error());
    if ((*spec)->tick_size.raw <= 0)
        return Status::error(StatusCode::InvalidArgument,
                             "dip_buyer: instrument " + std::string((*spec)->name()) + " has no positive tick size");
    instrument_ = (*spec)->id;
    tick_ = (*spec)->tick_size.raw;
    order_qty_ = *order_qty;

    entries_ = &ctx.counter("entries");
    exits_take_profit_ = &ctx.counter("exits_take_profit");
    exits_stop_loss_ = &ctx.counter("exits_stop_loss");
    exits_timeout_ = &ctx.counter("exits_timeout");
    rejects_ = &ctx.counter("rejects");
    window_overflows_ = &ctx.counter("window_overflows");
    ctx_ = &ctx;
    // A position handed over by restore() still has its timeout to serve.
    if (held_.raw > 0 && exit_reason_ == ExitReason::None) arm_timeout();
    return Status::ok();
}

void DipBuyer::stop() noexcept { ctx_ = nullptr; }

void DipBuyer::arm_timeout() noexcept {
    ctx_->set_timer(std::max(position_since_ + config_.timeout, ctx_->now()), timer_token_);
}

void DipBuyer::on_quote(const MarketEvent& event) noexcept {
    if (!ctx_ || event.instrument != instrument_) return;
    const QuotePayload& book = event.quote;
    const bool two_sided = book.bid_qty.raw > 0 && book.ask_qty.raw > 0 && book.bid < book.ask;
    if (two_sided) {
        const std::uint64_t overflows = rolling_.overflows();
        rolling_.update(event.ts, book.bid.raw + book.ask.raw);
        if (rolling_.overflows() != overflows) window_overflows_->add(std::int64_t(rolling_.overflows() - overflows));
    }
    if (order_.id != kNoOrder) return;  // one order at a time: wait for its outcome
    const Timestamp now = ctx_->now();
    if (held_.raw == 0) {
        if (two_sided) maybe_enter(book, event.ts, now);
        return;
    }
    check_exit_triggers(book);
    // Once triggered, the exit is retried on every quote until the position is flat.
    if (exit_reason_ != ExitReason::None && book.bid_qty.raw > 0) send_exit(book.bid, now);
}

void DipBuyer::maybe_enter(const QuotePayload& book, Timestamp market_ts, Timestamp now) noexcept {
    if (now < cooldown_until_ || now < retry_after_) return;
    // In doubled units (bid + ask = 2 × mid) the half-tick mids stay exact integers.
    const std::int64_t dip_x2 = rolling_.high(market_ts) - (book.bid.raw + book.ask.raw);
    if (dip_x2 < 2 * config_.dip_ticks * tick_) return;
    OrderRequest request;
    request.instrument = instrument_;
    request.side = Side::Buy;
    request.type = config_.entry_order == EntryOrder::Market ? OrderType::Market : OrderType::Limit;
    request.tif = TimeInForce::ImmediateOrCancel;
    request.price = book.ask;  // the limit for 'limit'; informational for 'market'
    request.qty = order_qty_;
    send(request, now);
}

void DipBuyer::check_exit_triggers(const QuotePayload& book) noexcept {
    if (exit_reason_ != ExitReason::None || book.bid_qty.raw <= 0 || entry_qty_.raw <= 0) return;
    // Compare bid against the average entry price entry_cost_/entry_qty_ without
    // dividing: bid × qty against cost ± ticks × tick × qty, all exact Money.
    const Money at_bid = notional(book.bid, entry_qty_);
    const Money one_tick = notional(Price{tick_}, entry_qty_);
    if (at_bid >= entry_cost_ + config_.take_profit_ticks * one_tick)
        exit_reason_ = ExitReason::TakeProfit;
    else if (at_bid <= entry_cost_ - config_.stop_loss_ticks * one_tick)
        exit_reason_ = ExitReason::StopLoss;
}

void DipBuyer::send_exit(Price bid, Timestamp now) noexcept {
    if (now < retry_after_) return;
    OrderRequest request;
    request.instrument = instrument_;
    request.side = Side::Sell;
    request.type = OrderType::Limit;
    request.tif = TimeInForce::ImmediateOrCancel;
    request.price = bid;
    request.qty = held_;
    send(request, now);
}

bool DipBuyer::send(const OrderRequest& request, Timestamp now) noexcept {
    const OrderId id = ctx_->submit(request);
    if (id == kNoOrder) {  // refused at once; its Rejected update carries no id of ours
        rejects_->add();
        retry_after_ = now + config_.reject_backoff;
        return false;
    }
    order_ = {id, request.side, request.price, request.qty};
    return true;
}

void DipBuyer::on_timer(const TimerEvent& timer) noexcept {
    if (!ctx_ || timer.token != timer_token_ || held_.raw <= 0 || exit_reason_ != ExitReason::None) return;
    exit_reason_ = ExitReason::Timeout;
    if (order_.id != kNoOrder) return;  // the exit goes out on a quote once the working order is done
    const TopOfBook top = ctx_->top_of_book(instrument_);
    if (top.bid_qty.raw > 0) send_exit(top.bid, ctx_->now());
}

void DipBuyer::on_order_update(const OrderUpdate& update) noexcept {
    if (!ctx_ || update.instrument != instrument_) return;
    const Timestamp now = ctx_->now();
    // Fills count even for an order we no longer track: position = sum of fills.
    if (update.is_fill()) apply_fill(update, now);
    if (order_.id == kNoOrder || update.id != order_.id || !is_terminal(update.status)) return;
    const bool was_entry = order_.side == Side::Buy;
    order_ = {};
    if (update.status == OrderStatus::Rejected) {
        rejects_->add();
        retry_after_ = now + config_.reject_backoff;
    } else if (was_entry && held_.raw == 0) {
        retry_after_ = now + config_.reject_backoff;  // the IOC found nothing to take: do not chase every quote
    }
    // An exit that left some position (IOC remainder) is retried on the next quote.
}

void DipBuyer::apply_fill(const OrderUpdate& update, Timestamp now) noexcept {
    const Quantity qty = update.last_qty;
    if (update.side == Side::Buy) {
        if (held_.raw == 0) {  // a new position: its clock and timeout start with the first fill
            entry_qty_ = Quantity{};
            entry_cost_ = 0;
            exit_reason_ = ExitReason::None;
            position_since_ = now;
            ++timer_token_;
            entries_->add();
            arm_timeout();
        }
        held_ += qty;
        entry_qty_ += qty;
        entry_cost_ += notional(update.last_price, qty);
        return;
    }
    if (held_.raw == 0) return;  // not ours to close
    held_.raw = held_.raw > qty.raw ? held_.raw - qty.raw : 0;
    if (held_.raw > 0) return;
    switch (exit_reason_) {  // flat: count why, start the cooldown
        case ExitReason::TakeProfit:
            exits_take_profit_->add();
            break;
        case ExitReason::StopLoss:
            exits_stop_loss_->add();
            break;
        case ExitReason::Timeout:
            exits_timeout_->add();
            break;
        case ExitReason::None:
            break;
    }
    exit_reason_ = ExitReason::None;
    entry_qty_ = Quantity{};
    entry_cost_ = 0;
    cooldown_until_ = now + config_.cooldown;
}

std::vector<std::byte> DipBuyer::snapshot() const {
    StateWriter w(kSnapshotMagic, kSnapshotVersion);
    w.put_string(config_.symbol);
    w.put(held_.raw);
    w.put(entry_qty_.raw);
    w.put(entry_cost_);
    w.put(position_since_);
    w.put(timer_token_);
    w.put(std::uint8_t(exit_reason_));
    w.put(cooldown_until_);
    w.put(retry_after_);
    w.put(order_.id);
    w.put(std::uint8_t(order_.side));
    w.put(order_.price.raw);
    w.put(order_.qty.raw);
    w.put(std::uint8_t(rolling_.has_value()));
    w.put(rolling_.has_value() ? rolling_.current() : std::int64_t{0});
    w.put(rolling_.overflows());
    w.put(std::uint32_t(rolling_.size()));
    for (std::size_t i = 0; i < rolling_.size(); ++i) {
        w.put(rolling_.entry(i).until);
        w.put(rolling_.entry(i).value);
    }
    return std::move(w).take();
}

Status DipBuyer::restore(std::span<const std::byte> state) {
    if (state.empty()) return Status::ok();
    StateReader r(state);
    if (const auto version = r.read_header(kSnapshotMagic, kSnapshotVersion, "dip_buyer"); !version)
        return Status::error(StatusCode::InvalidArgument, "dip_buyer: " + version.error());

    std::string symbol;
    Quantity held, entry_qty;
    Money entry_cost = 0;
    Timestamp position_since = 0, cooldown_until = 0, retry_after = 0;
    std::uint64_t timer_token = 0, overflows = 0;
    std::uint8_t exit_reason = 0, side = 0, has_current = 0;
    WorkingOrder order;
    std::int64_t current = 0;
    std::uint32_t count = 0;
    bool ok = r.get_string(symbol, 64) && r.get(held.raw) && r.get(entry_qty.raw) && r.get(entry_cost) &&
              r.get(position_since) && r.get(timer_token) && r.get(exit_reason) && r.get(cooldown_until) &&
              r.get(retry_after) && r.get(order.id) && r.get(side) && r.get(order.price.raw) && r.get(order.qty.raw) &&
              r.get(has_current) && r.get(current) && r.get(overflows) && r.get(count) &&
              exit_reason <= std::uint8_t(ExitReason::Timeout) && side <= 1 && has_current <= 1 &&
              count <= kMaxSnapshotEntries;
    std::vector<RollingHigh::Entry> entries;
    if (ok) {
        entries.resize(count);
        for (auto& e : entries) ok = ok && r.get(e.until) && r.get(e.value);
        ok = ok && r.at_end();
    }
    if (!ok)
        return Status::error(StatusCode::InvalidArgument, "dip_buyer: snapshot is truncated or corrupt (" +
                                                              std::to_string(state.size()) +
                                                              " bytes); start without restoring");
    if (symbol != config_.symbol)
        return Status::error(StatusCode::InvalidArgument, "dip_buyer: snapshot trades '" + symbol +
                                                              "' but this instance is configured for '" +
                                                              config_.symbol + "'; restore into a matching instance");
    held_ = held;
    entry_qty_ = entry_qty;
    entry_cost_ = entry_cost;
    position_since_ = position_since;
    timer_token_ = timer_token;
    exit_reason_ = ExitReason(exit_reason);
    cooldown_until_ = cooldown_until;
    retry_after_ = retry_after;
    order_ = order;
    order_.side = Side(side);
    rolling_.reset(has_current != 0, current, entries, overflows);
    if (ctx_ && held_.raw > 0 && exit_reason_ == ExitReason::None) arm_timeout();  // restored after start()
    return Status::ok();
}

}  // namespace trellis::dip_buyer
