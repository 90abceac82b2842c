#include "kernel/engine.hpp"

#include <algorithm>
#include <limits>

#include "kernel/plugin_contexts.hpp"

namespace trellis::host {

struct Engine::StrategySlot {
    std::string name;
    Strategy* strategy;
    StrategyContextImpl context;
    bool enabled = true;
    std::string disabled_reason;
};

struct Engine::AlertSlot {
    std::string name;
    AlertSink* sink;
    AlertContextImpl context;
};

struct Engine::AdapterSlot {
    std::string name;
    ExchangeAdapter* adapter;
    AdapterContextImpl context;
};

Engine::Engine(std::vector<InstrumentSpec> instruments, std::vector<std::uint32_t> venue_of, EngineOptions options,
               MetricsRegistry& metrics, Logger& logger)
    : instruments_(std::move(instruments)),
      venue_of_(std::move(venue_of)),
      options_(std::move(options)),
      metrics_(metrics),
      logger_(logger),
      orders_(options_.order_capacity, instruments_.size()),
      portfolio_(instruments_.size(), options_.initial_cash),
      exchange_book_(instruments_.size()),
      strategy_book_(instruments_.size()),
      market_line_(1 << 14),
      venue_line_(1 << 10),
      update_line_(1 << 10),
      equity_by_instrument_(instruments_.size(), 0.0) {
    for (std::size_t i = 0; i < instruments_.size(); ++i) {
        instruments_[i].id = InstrumentId(i);
        money_unit_.push_back(1.0 / double(pow10(instruments_[i].price_decimals + instruments_[i].qty_decimals)));
        equity_by_instrument_[i] = account_equity(InstrumentId(i));
        equity_total_ += equity_by_instrument_[i];
    }
    stats_.peak_equity = equity_total_;
}

Engine::~Engine() { stop(); }

std::uint32_t Engine::add_adapter(std::string name, ExchangeAdapter& adapter) {
    const auto index = std::uint32_t(adapters_.size());
    adapters_.push_back(std::make_unique<AdapterSlot>(AdapterSlot{name, &adapter, {*this, name, index}}));
    return index;
}

std::uint32_t Engine::add_strategy(std::string name, Strategy& strategy) {
    const auto index = std::uint32_t(strategies_.size());
    strategies_.push_back(std::make_unique<StrategySlot>(StrategySlot{name, &strategy, {*this, name, index}}));
    return index;
}

void Engine::add_risk_rule(std::string name, RiskRule& rule) { risk_.add(std::move(name), rule); }

void Engine::add_alert_sink(std::string name, AlertSink& sink) {
    alert_sinks_.push_back(std::make_unique<AlertSlot>(AlertSlot{name, &sink, {*this, name}}));
}

Result<void> Engine::start() {
    for (auto& a : adapters_) {
        Status s = a->adapter->start(a->context);
        if (!s) return fail("adapter '" + a->name + "' failed to start: " + s.message);
        ++started_adapters_;
    }
    for (auto& a : alert_sinks_) {
        Status s = a->sink->start(a->context);
        if (!s) return fail("alert sink '" + a->name + "' failed to start: " + s.message);
        ++started_alert_sinks_;
    }
    for (std::uint32_t i = 0; i < risk_.entries().size(); ++i) {
        const auto& e = risk_.entries()[i];
        risk_contexts_.push_back(std::make_unique<RiskContextImpl>(*this, e.name, i));
        Status s = e.rule->start(*risk_contexts_.back());
        if (!s) return fail("risk rule '" + e.name + "' failed to start: " + s.message);
    }
    risk_started_ = true;
    for (auto& st : strategies_) {
        Status s = st->strategy->start(st->context);
        if (!s) return fail("strategy '" + st->name + "' failed to start: " + s.message);
        ++started_strategies_;
    }
    return {};
}

void Engine::stop() noexcept {
    while (started_strategies_ > 0) strategies_[--started_strategies_]->strategy->stop();
    if (risk_started_) {
        for (auto& e : risk_.entries()) e.rule->stop();
        risk_started_ = false;
    }
    while (started_alert_sinks_ > 0) alert_sinks_[--started_alert_sinks_]->sink->stop();
    while (started_adapters_ > 0) adapters_[--started_adapters_]->adapter->stop();
}

const InstrumentSpec* Engine::instrument(InstrumentId id) const noexcept {
    return id < instruments_.size() ? &instruments_[id] : nullptr;
}

const InstrumentSpec* Engine::find_instrument(std::string_view symbol) const noexcept {
    for (const auto& i : instruments_)
        if (i.name() == symbol) return &i;
    return nullptr;
}

Result<void> Engine::run(MarketDataSource& source) {
    MarketEvent event;
    bool first = true;
    for (;;) {
        auto more = source.next(event);
        if (!more) return std::unexpected(more.error());
        const bool have = *more;
        // At the end, let what is in flight land (acks, fills), but do not run
        // timers forever: a strategy that re-arms a timer would never end the run.
        const auto& lat = options_.latency;
        drain_until(have ? std::max(event.ts, now_) : now_ + lat.market_data + lat.order_entry + lat.order_response);
        if (!have) break;
        if (event.instrument >= instruments_.size()) continue;  // sources only emit known instruments
        if (first) {
            first = false;
            stats_.first_ts = event.ts;
            next_equity_sample_ = event.ts;
        }
        if (event.ts < now_) ++stats_.out_of_order_events;
        now_ = std::max(now_, event.ts);
        if (kill_.pending()) engage_kill_switch();
        on_market_event(event);
    }
    stats_.last_ts = now_;
    sample_equity(now_);
    return {};
}

void Engine::on_market_event(const MarketEvent& e) noexcept {
    ++stats_.events;
    exchange_book_.apply(e);
    if (venue_of_[e.instrument] < adapters_.size()) adapters_[venue_of_[e.instrument]]->adapter->on_market_data(e);
    if (e.type == MarketEventType::Quote || e.type == MarketEventType::Trade) remark(e.instrument);
    if (now_ >= next_equity_sample_) sample_equity(now_);

    if (options_.latency.market_data == 0 && market_line_.empty()) {
        deliver_to_strategies(e);
    } else {
        market_line_.push({now_ + options_.latency.market_data, seq_++, e});
    }
}

void Engine::deliver_to_strategies(const MarketEvent& e) noexcept {
    strategy_book_.apply(e);
    if (!risk_.entries().empty()) {
        risk_.on_market_data(e);
        update_risk_level();
    }
    for (auto& s : strategies_) {
        Strategy& st = *s->strategy;
        switch (e.type) {
            case MarketEventType::Quote:
                st.on_quote(e);
                break;
            case MarketEventType::Trade:
                st.on_trade(e);
                break;
            case MarketEventType::BookLevel:
                st.on_book_level(e);
                break;
            case MarketEventType::OrderAdd:
            case MarketEventType::OrderReduce:
            case MarketEventType::OrderDelete:
                st.on_book_order(e);
                break;
            case MarketEventType::Halt:
                break;
        }
    }
}

void Engine::drain_until(Timestamp until) noexcept {
    for (;;) {
        // Pick the earliest (due, seq) among the heads of the delay lines and the timers.
        enum { None, Market, Venue, Update, Timer } pick = None;
        Timestamp due = until;
        std::uint64_t seq = std::numeric_limits<std::uint64_t>::max();
        auto consider = [&](Timestamp d, std::uint64_t s, decltype(pick) which) {
            if (d < due || (d == due && s < seq)) {
                due = d;
                seq = s;
                pick = which;
            }
        };
        if (!market_line_.empty()) consider(market_line_.front().due, market_line_.front().seq, Market);
        if (!venue_line_.empty()) consider(venue_line_.front().due, venue_line_.front().seq, Venue);
        if (!update_line_.empty()) consider(update_line_.front().due, update_line_.front().seq, Update);
        if (!timers_.empty()) consider(timers_.top().due, timers_.top().seq, Timer);
        if (pick == None) return;
        now_ = std::max(now_, due);
        if (kill_.pending()) engage_kill_switch();
        switch (pick) {
            case Market: {
                const MarketEvent e = market_line_.front().event;
                market_line_.pop();
                deliver_to_strategies(e);
                break;
            }
            case Venue: {
                const DelayedVenueRequest r = venue_line_.front();
                venue_line_.pop();
                send_to_venue(r);
                break;
            }
            case Update: {
                const OrderUpdate u = update_line_.front().update;
                update_line_.pop();
                deliver_update(u);
                break;
            }
            case Timer: {
                const PendingTimer t = timers_.top();
                timers_.pop();
                fire_timer(t);
                break;
            }
            case None:
                return;
        }
    }
}

void Engine::set_timer(TimerOwner owner, std::uint32_t index, Timestamp at, std::uint64_t token) noexcept {
    if (owner == TimerOwner::None) return;
    timers_.push({std::max(at, now_), seq_++, owner, index, token});
}

void Engine::fire_timer(const PendingTimer& t) noexcept {
    const TimerEvent ev{t.due, t.token};
    if (t.owner == TimerOwner::Strategy && t.index < strategies_.size())
        strategies_[t.index]->strategy->on_timer(ev);
    else if (t.owner == TimerOwner::Adapter && t.index < adapters_.size())
        adapters_[t.index]->adapter->on_timer(ev);
    else if (t.owner == TimerOwner::Risk && t.index < risk_.entries().size()) {
        risk_.entries()[t.index].rule->on_timer(ev);
        update_risk_level();
    }
}

OrderId Engine::submit(std::uint32_t strategy, const OrderRequest& request) noexcept {
    OrderRecord* record = orders_.create(strategy, request, now_);
    if (!record) {
        ++stats_.rejected_no_slot;
        OrderUpdate u;
        u.ts = now_;
        u.instrument = request.instrument;
        u.side = request.side;
        u.status = OrderStatus::Rejected;
        u.reason = RejectReason::TooManyOpenOrders;
        u.user_tag = request.user_tag;
        u.text.assign("order table full: too many open orders");
        if (strategy < strategies_.size()) strategies_[strategy]->strategy->on_order_update(u);
        return kNoOrder;
    }
    if (observer_) observer_->on_order_created(*record);
    if (request.instrument >= instruments_.size()) {
        reject_locally(*record, RejectReason::UnknownInstrument, "unknown instrument id");
        return kNoOrder;
    }
    if (!risk_.entries().empty()) update_risk_level();  // a rule's state may have moved since the last event
    RejectReason refusal = RejectReason::None;
    FixedText<128> why;
    if (refused_by_state(strategy, request, Quantity{}, refusal, why)) {
        ++stats_.refused_by_state;
        if (refusal == RejectReason::KillSwitch) ++kill_.report().orders_refused;
        reject_locally(*record, refusal, why.view());
        return kNoOrder;
    }
    const OrderIntent intent{OrderIntent::Action::New, record->order.id, strategy, request, Quantity{}};
    const RiskDecision verdict = risk_.check(intent);
    if (!risk_.entries().empty()) update_risk_level();
    if (!verdict.accept) {
        reject_locally(*record, RejectReason::RiskRule, verdict.reason.view());
        return kNoOrder;
    }
    orders_.activate(*record);
    if (observer_) observer_->on_order_released(*record);
    venue_line_.push(
        {now_ + options_.latency.order_entry, seq_++, VenueAction::New, venue_of_[request.instrument], record->order});
    return record->order.id;
}

bool Engine::cancel(std::uint32_t strategy, OrderId id) noexcept {
    const OrderRecord* r = orders_.find(id);
    if (!r || r->order.strategy != strategy || !orders_.request_cancel(id)) return false;
    Order o = r->order;
    venue_line_.push(
        {now_ + options_.latency.order_entry, seq_++, VenueAction::Cancel, venue_of_[o.request.instrument], o});
    return true;
}

bool Engine::replace(std::uint32_t strategy, OrderId id, Price price, Quantity qty) noexcept {
    const OrderRecord* r = orders_.find(id);
    if (!r || r->order.strategy != strategy || !r->live()) return false;
    OrderIntent intent{OrderIntent::Action::Replace, id, strategy, r->order.request, r->leaves()};
    intent.request.price = price;
    intent.request.qty = qty;
    if (!risk_.entries().empty()) update_risk_level();
    RejectReason refusal = RejectReason::None;
    FixedText<128> why;
    if (refused_by_state(strategy, intent.request, r->leaves(), refusal, why)) {
        ++stats_.refused_by_state;
        if (refusal == RejectReason::KillSwitch) ++kill_.report().orders_refused;
        update_line_.push({now_, seq_++, host_update(*r, OrderStatus::CancelRejected, refusal, why.view())});
        return true;
    }
    const RiskDecision verdict = risk_.check(intent);
    if (!risk_.entries().empty()) update_risk_level();
    if (!verdict.accept) {
        // The order itself stays as it was; the strategy learns why the replace was refused.
        update_line_.push(
            {now_, seq_++,
             host_update(*r, OrderStatus::CancelRejected, RejectReason::RiskRule, verdict.reason.view())});
        return true;
    }
    if (!orders_.request_replace(id)) return false;
    if (observer_) observer_->on_order_released(*r);
    Order o = r->order;
    o.request.price = price;
    o.request.qty = qty;
    venue_line_.push(
        {now_ + options_.latency.order_entry, seq_++, VenueAction::Replace, venue_of_[o.request.instrument], o});
    return true;
}

OrderUpdate Engine::host_update(const OrderRecord& record, OrderStatus status, RejectReason reason,
                                std::string_view text) const noexcept {
    OrderUpdate u;
    u.ts = now_;
    u.id = record.order.id;
    u.instrument = record.order.request.instrument;
    u.side = record.order.request.side;
    u.status = status;
    u.reason = reason;
    u.price = record.price;
    u.qty = record.qty;
    u.filled_qty = record.filled;
    u.user_tag = record.order.request.user_tag;
    u.text.assign(text);
    return u;
}

void Engine::reject_locally(const OrderRecord& record, RejectReason reason, std::string_view text) noexcept {
    // Through the update line, never re-entrantly into the strategy that is calling us.
    update_line_.push({now_, seq_++, host_update(record, OrderStatus::Rejected, reason, text)});
}

void Engine::send_to_venue(const DelayedVenueRequest& r) noexcept {
    if (r.adapter >= adapters_.size()) {
        if (const OrderRecord* rec = orders_.find(r.order.id); rec && r.action == VenueAction::New)
            reject_locally(*rec, RejectReason::AdapterError, "instrument has no venue");
        return;
    }
    ExchangeAdapter& venue = *adapters_[r.adapter]->adapter;
    switch (r.action) {
        case VenueAction::New:
            venue.submit(r.order);
            break;
        case VenueAction::Cancel:
            venue.cancel(r.order.id);
            if (r.kill && kill_cancels_in_flight_ > 0 && --kill_cancels_in_flight_ == 0)
                kill_.report().last_cancel_wall_ns = steady_now_ns();
            break;
        case VenueAction::Replace:
            venue.replace(r.order.id, r.order.request.price, r.order.request.qty);
            break;
    }
}

void Engine::emit(const OrderUpdate& update) noexcept {
    update_line_.push({now_ + options_.latency.order_response, seq_++, update});
}

void Engine::deliver_update(const OrderUpdate& venue_update) noexcept {
    // apply() updates the record in place, so one lookup serves before and after.
    const OrderRecord* record = orders_.find(venue_update.id);
    const bool was_live = record && record->live();
    const UpdateOutcome outcome = orders_.apply(venue_update);
    OrderUpdate u = venue_update;
    u.strategy = record ? record->order.strategy : ~0u;  // venues do not know strategies; the host does
    if (u.is_fill() && u.instrument < instruments_.size()) {
        // A fill is booked whatever the host thought of the order: it happened at the venue.
        if (outcome == UpdateOutcome::UnknownOrder) ++stats_.unknown_fills;
        portfolio_.apply_fill(u.instrument, u.side, u.last_price, u.last_qty, u.last_fee);
        remark(u.instrument);
        if (observer_) observer_->on_fill(u, record ? record->order.strategy : ~0u, portfolio_.account(u.instrument));
    }
    if (observer_) {
        observer_->on_order_update(record, u);
        if (was_live && record && !record->live()) observer_->on_order_closed(*record);
    }
    if (!risk_.entries().empty()) {
        risk_.on_order_update(u);
        update_risk_level();
    }
    if (record && record->order.strategy < strategies_.size())
        strategies_[record->order.strategy]->strategy->on_order_update(u);
}

double Engine::account_equity(InstrumentId id) const noexcept {
    const InstrumentAccount& a = portfolio_.account(id);
    return double(a.equity(exchange_book_.mark(id))) * money_unit_[id];
}

void Engine::remark(InstrumentId id) noexcept {
    equity_by_instrument_[id] = account_equity(id);
    // Re-summed rather than adjusted by the difference, so rounding cannot drift over a long run.
    equity_total_ = 0.0;
    for (double e : equity_by_instrument_) equity_total_ += e;
    if (equity_total_ > stats_.peak_equity) stats_.peak_equity = equity_total_;
    stats_.max_drawdown = std::max(stats_.max_drawdown, stats_.peak_equity - equity_total_);
}

void Engine::sample_equity(Timestamp ts) noexcept {
    if (observer_)
        for (InstrumentId i = 0; i < instruments_.size(); ++i)
            observer_->on_equity_sample(ts, i, portfolio_.account(i), exchange_book_.mark(i));
    // Next boundary strictly after ts: one sample per crossed interval, even across gaps.
    const Duration step = options_.equity_interval > 0 ? options_.equity_interval : 1;
    next_equity_sample_ = ts - (ts - stats_.first_ts) % step + step;
}

}  // namespace trellis::host

namespace trellis::host {

bool Engine::refused_by_state(std::uint32_t strategy, const OrderRequest& request, Quantity previous_open,
                              RejectReason& reason, FixedText<128>& text) const noexcept {
    if (kill_.engaged()) {
        reason = RejectReason::KillSwitch;
        text.assign("kill switch engaged");
        return true;
    }
    if (strategy < strategies_.size() && !strategies_[strategy]->enabled) {
        reason = RejectReason::RiskRule;
        text.assign("strategy disabled: " + strategies_[strategy]->disabled_reason);
        return true;
    }
    if ((held_actions_ & kActionReduceOnly) && request.instrument < instruments_.size()) {
        // Reduce-only: this order, with every open order on its side, must not
        // take the position past flat.
        const std::int64_t position = portfolio_.account(request.instrument).position.raw;
        const std::int64_t room = request.side == Side::Buy ? -position : position;
        const std::int64_t committed =
            orders_.open_quantity(request.instrument, request.side).raw - previous_open.raw + request.qty.raw;
        if (room <= 0 || committed > room) {
            reason = RejectReason::RiskRule;
            text.assign("reduce-only at risk level " + std::string(to_string(risk_level_)));
            return true;
        }
    }
    return false;
}

std::uint64_t Engine::cancel_live(std::uint32_t strategy, InstrumentId instrument) noexcept {
    std::uint64_t sent = 0;
    const bool kill = kill_.engaged();
    for (InstrumentId i = 0; i < instruments_.size(); ++i) {
        if (instrument != kNoInstrument && i != instrument) continue;
        for (const Side side : {Side::Buy, Side::Sell}) {
            orders_.for_each_live(i, side, [&](const OrderRecord& r) {
                if ((strategy != ~0u && r.order.strategy != strategy) || r.cancel_requested) return;
                orders_.request_cancel(r.order.id);  // flags only: the live list being walked is unchanged
                venue_line_.push({now_ + options_.latency.order_entry, seq_++, VenueAction::Cancel,
                                  venue_of_[r.order.request.instrument], r.order, kill});
                ++sent;
            });
        }
    }
    return sent;
}

void Engine::cancel_orders(std::uint32_t strategy, InstrumentId instrument) noexcept {
    cancel_live(strategy, instrument);
}

void Engine::disable_strategy(std::uint32_t strategy, std::string_view reason) noexcept {
    if (strategy >= strategies_.size() || !strategies_[strategy]->enabled) return;
    strategies_[strategy]->enabled = false;
    strategies_[strategy]->disabled_reason = std::string(reason);
    raise_alert(AlertSeverity::Critical, strategies_[strategy]->name,
                "strategy disabled until an operator re-enables it: " + std::string(reason));
}

void Engine::enable_strategy(std::uint32_t strategy) noexcept {
    if (strategy >= strategies_.size()) return;
    strategies_[strategy]->enabled = true;
    strategies_[strategy]->disabled_reason.clear();
    for (const auto& e : risk_.entries()) e.rule->on_strategy_enabled(strategy);
    update_risk_level();
}

bool Engine::strategy_enabled(std::uint32_t strategy) const noexcept {
    return strategy < strategies_.size() && strategies_[strategy]->enabled;
}

std::string_view Engine::strategy_name(std::uint32_t strategy) const noexcept {
    return strategy < strategies_.size() ? std::string_view(strategies_[strategy]->name) : std::string_view();
}

void Engine::raise_alert(AlertSeverity severity, std::string_view source, std::string_view message) noexcept {
    ++stats_.alerts;
    logger_.log(severity == AlertSeverity::Info ? LogLevel::Info : LogLevel::Warn, source, message);
    Alert a;
    a.ts = now_;
    a.severity = severity;
    a.source.assign(source);
    a.message.assign(message);
    for (auto& slot : alert_sinks_) slot->sink->on_alert(a);
}

void Engine::engage_kill_switch() noexcept {
    KillSwitchReport& report = kill_.engage(now_);
    const std::uint64_t sent = cancel_live(~0u, kNoInstrument);
    kill_cancels_in_flight_ = sent;
    report.cancels_sent = sent;
    raise_alert(AlertSeverity::Critical, "kill_switch",
                "kill switch engaged (" + report.reason + "): order entry stopped, " + std::to_string(sent) +
                    " open orders being cancelled");
    update_risk_level();
}

void Engine::release_kill_switch() noexcept {
    if (!kill_.engaged()) return;
    kill_.release();
    raise_alert(AlertSeverity::Warning, "kill_switch", "kill switch released by operator");
    update_risk_level();
}

void Engine::update_risk_level() noexcept {
    RiskLevel level = risk_.level();
    if (kill_.engaged()) level = RiskLevel::Halted;
    if (level == risk_level_) return;
    const RiskLevel previous = risk_level_;
    risk_level_ = level;
    held_actions_ = options_.risk_policy.at(level);
    ++stats_.risk_level_changes;
    if (level > stats_.max_risk_level) stats_.max_risk_level = level;
    if ((held_actions_ & kActionNotify) || previous > level)
        raise_alert(level >= RiskLevel::Severe ? AlertSeverity::Critical : AlertSeverity::Warning, "risk",
                    "risk level " + std::string(to_string(previous)) + " -> " + std::string(to_string(level)));
    if (level > previous) {
        if (held_actions_ & kActionCancelAll) cancel_live(~0u, kNoInstrument);
        if ((held_actions_ & kActionHalt) && !kill_.engaged()) {
            kill_.request("risk level " + std::string(to_string(level)));
            engage_kill_switch();
        }
    }
}

}  // namespace trellis::host
