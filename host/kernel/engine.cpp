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

template <class Handle>
void Engine::strategy_event(EngineMetrics::Strategy& cells, Handle&& handle) noexcept {
    if (!cells_.record_distributions) {
        handle();
        cells.events->add();
        return;
    }
    const std::uint64_t intents_before = cells.intents;
    handle();
    cells.events->add();
    if (cells.intents != intents_before) [[unlikely]]
        cells.intents_per_event.record_other(std::int64_t(cells.intents - intents_before));
}

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

void Engine::add_observer(RunObserver* observer) {
    if (observer && std::find(observers_.begin(), observers_.end(), observer) == observers_.end()) {
        observers_.push_back(observer);
        if (observer->takes_equity_samples()) equity_takers_.push_back(observer);
    }
}

void Engine::create_cells() {
    EngineMetricLabels labels;
    for (const auto& i : instruments_) labels.instruments.emplace_back(i.name());
    for (const auto& st : strategies_) labels.strategies.push_back(st->name);
    for (const auto& a : adapters_) labels.venues.push_back(a->name);
    for (const auto& e : risk_.entries()) labels.rules.push_back(e.name);
    cells_.create(metrics_, labels, options_.metrics_interval > 0, options_.latency.market_data);
    best_bid_scratch_.assign(strategies_.size(), 0);
    best_ask_scratch_.assign(strategies_.size(), 0);
    cells_created_ = true;
}

Result<void> Engine::start() {
    // Every kernel cell exists before the first event, so the hot path never creates one.
    create_cells();
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
    if (!cells_created_) create_cells();  // run() without start() must still find every cell
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
            if (const Duration step = options_.metrics_interval; step > 0) {
                // The first boundary at or after the first event: nothing to sample before the data starts.
                const Timestamp t = std::max(event.ts, now_);
                next_metrics_sample_ = t / step * step + (t % step > 0 ? step : 0);
            }
        }
        if (event.ts < now_) ++stats_.out_of_order_events;
        before_clock_moves_to(std::max(event.ts, now_));
        now_ = std::max(now_, event.ts);
        if (kill_.pending()) engage_kill_switch();
        on_market_event(event);
    }
    stats_.last_ts = now_;
    sample_equity(now_);
    // The gauges hold the run's final state either way (summaries read them), and one last sample
    // at the final clock value lets a run shorter than an interval still publish.
    refresh_gauges(now_);
    if (options_.metrics_interval > 0 && last_metrics_sample_ != now_) sample_metrics(now_);
    return {};
}

void Engine::on_market_event(const MarketEvent& e) noexcept {
    ++stats_.events;
    EngineMetrics::Instrument& cells = cells_.instruments[e.instrument];
    cells.updates->add();
    // md.lag: the time a strategy sees the event after the exchange stamped it. Historical data (no
    // receive time, or received as stamped) always has the common value, the market-data latency,
    // counted from md.updates at the sample: one compare per event, nothing recorded here.
    if (e.recv_ts != e.ts && e.recv_ts != 0 && cells_.record_distributions)
        cells.lag.record_other(e.recv_ts - e.ts + options_.latency.market_data);
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
    // Range-for keeps the bounds in registers across the strategies' calls; the
    // wiring (strategies and their cells, one per strategy) is fixed while running.
    EngineMetrics::Strategy* cells = cells_.strategies.data();
    for (const auto& slot : strategies_) {
        Strategy& st = *slot->strategy;
        EngineMetrics::Strategy& c = *cells++;
        switch (e.type) {
            case MarketEventType::Quote:
                strategy_event(c, [&] { st.on_quote(e); });
                break;
            case MarketEventType::Trade:
                strategy_event(c, [&] { st.on_trade(e); });
                break;
            case MarketEventType::BookLevel:
                strategy_event(c, [&] { st.on_book_level(e); });
                break;
            case MarketEventType::OrderAdd:
            case MarketEventType::OrderReduce:
            case MarketEventType::OrderDelete:
                strategy_event(c, [&] { st.on_book_order(e); });
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
        before_clock_moves_to(std::max(now_, due));
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
        strategy_event(cells_.strategies[t.index], [&] { strategies_[t.index]->strategy->on_timer(ev); });
    else if (t.owner == TimerOwner::Adapter && t.index < adapters_.size())
        adapters_[t.index]->adapter->on_timer(ev);
    else if (t.owner == TimerOwner::Risk && t.index < risk_.entries().size()) {
        risk_.entries()[t.index].rule->on_timer(ev);
        update_risk_level();
    }
}

OrderId Engine::submit(std::uint32_t strategy, const OrderRequest& request) noexcept {
    if (strategy < cells_.strategies.size()) ++cells_.strategies[strategy].intents;
    OrderRecord* record = orders_.create(strategy, request, now_);
    if (!record) {
        ++stats_.rejected_no_slot;
        cells_.count_reject(RejectReason::TooManyOpenOrders);
        OrderUpdate u;
        u.ts = now_;
        u.instrument = request.instrument;
        u.side = request.side;
        u.status = OrderStatus::Rejected;
        u.reason = RejectReason::TooManyOpenOrders;
        u.user_tag = request.user_tag;
        u.text.assign("order table full: too many open orders");
        if (strategy < strategies_.size())
            strategy_event(cells_.strategies[strategy], [&] { strategies_[strategy]->strategy->on_order_update(u); });
        return kNoOrder;
    }
    for (RunObserver* o : observers_) o->on_order_created(*record);
    if (request.instrument >= instruments_.size()) {
        reject_locally(*record, RejectReason::UnknownInstrument, "unknown instrument id");
        return kNoOrder;
    }
    if (!risk_.entries().empty()) update_risk_level();  // a rule's state may have moved since the last event
    RejectReason refusal = RejectReason::None;
    FixedText<128> why;
    if (const StateRefusal state = refused_by_state(strategy, request, Quantity{}, refusal, why);
        state != StateRefusal::None) {
        count_state_refusal(state);
        reject_locally(*record, refusal, why.view());
        return kNoOrder;
    }
    const OrderIntent intent{OrderIntent::Action::New, record->order.id, strategy, request, Quantity{}};
    const RiskDecision verdict = risk_.check(intent);
    if (!risk_.entries().empty()) update_risk_level();
    if (!verdict.accept) {
        cells_.count_rule_rejections(risk_);
        reject_locally(*record, RejectReason::RiskRule, verdict.reason.view());
        return kNoOrder;
    }
    orders_.activate(*record, now_);
    if (strategy < cells_.strategies.size()) cells_.strategies[strategy].sent->add();
    for (RunObserver* o : observers_) o->on_order_released(*record);
    venue_line_.push(
        {now_ + options_.latency.order_entry, seq_++, VenueAction::New, venue_of_[request.instrument], record->order});
    return record->order.id;
}

bool Engine::cancel(std::uint32_t strategy, OrderId id) noexcept {
    if (strategy < cells_.strategies.size()) ++cells_.strategies[strategy].intents;
    const OrderRecord* r = orders_.find(id);
    if (!r || r->order.strategy != strategy || !orders_.request_cancel(id, now_)) return false;
    if (strategy < cells_.strategies.size()) cells_.strategies[strategy].cancels->add();
    Order o = r->order;
    venue_line_.push(
        {now_ + options_.latency.order_entry, seq_++, VenueAction::Cancel, venue_of_[o.request.instrument], o});
    return true;
}

bool Engine::replace(std::uint32_t strategy, OrderId id, Price price, Quantity qty) noexcept {
    if (strategy < cells_.strategies.size()) ++cells_.strategies[strategy].intents;
    const OrderRecord* r = orders_.find(id);
    if (!r || r->order.strategy != strategy || !r->live()) return false;
    OrderIntent intent{OrderIntent::Action::Replace, id, strategy, r->order.request, r->leaves()};
    intent.request.price = price;
    intent.request.qty = qty;
    if (!risk_.entries().empty()) update_risk_level();
    RejectReason refusal = RejectReason::None;
    FixedText<128> why;
    if (const StateRefusal state = refused_by_state(strategy, intent.request, r->leaves(), refusal, why);
        state != StateRefusal::None) {
        count_state_refusal(state);
        update_line_.push({now_, seq_++, host_update(*r, OrderStatus::CancelRejected, refusal, why.view())});
        return true;
    }
    const RiskDecision verdict = risk_.check(intent);
    if (!risk_.entries().empty()) update_risk_level();
    if (!verdict.accept) {
        cells_.count_rule_rejections(risk_);
        // The order itself stays as it was; the strategy learns why the replace was refused.
        update_line_.push(
            {now_, seq_++,
             host_update(*r, OrderStatus::CancelRejected, RejectReason::RiskRule, verdict.reason.view())});
        return true;
    }
    if (!orders_.request_replace(id)) return false;
    for (RunObserver* o : observers_) o->on_order_released(*r);
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

void Engine::count_reconnect(std::uint32_t venue) noexcept {
    // The cells exist from start(); an adapter that reports earlier (there is nothing to reconnect
    // before it started) is not counted.
    if (venue < cells_.venues.size()) cells_.venues[venue].reconnects->add();
}

void Engine::deliver_update(const OrderUpdate& venue_update) noexcept {
    // apply() updates the record in place, so one lookup serves before and after.
    const OrderRecord* record = orders_.find(venue_update.id);
    const bool was_live = record && record->live();
    const bool was_pending = record && record->status == OrderStatus::PendingNew;
    const UpdateOutcome outcome = orders_.apply(venue_update);
    OrderUpdate u = venue_update;
    u.strategy = record ? record->order.strategy : ~0u;  // venues do not know strategies; the host does
    if (u.status == OrderStatus::Rejected) cells_.count_reject(u.reason);
    if (record) measure_order_latency(*record, u, was_pending, was_live);
    if (u.is_fill() && u.instrument < instruments_.size()) {
        // A fill is booked whatever the host thought of the order: it happened at the venue.
        if (outcome == UpdateOutcome::UnknownOrder) ++stats_.unknown_fills;
        portfolio_.apply_fill(u.instrument, u.side, u.last_price, u.last_qty, u.last_fee);
        remark(u.instrument);
        if (u.strategy < cells_.strategies.size()) cells_.strategies[u.strategy].fills->add();
        for (RunObserver* o : observers_) o->on_fill(u, u.strategy, portfolio_.account(u.instrument));
    }
    for (RunObserver* o : observers_) {
        o->on_order_update(record, u);
        if (was_live && record && !record->live()) o->on_order_closed(*record);
    }
    if (!risk_.entries().empty()) {
        risk_.on_order_update(u);
        update_risk_level();
    }
    if (record && record->order.strategy < strategies_.size())
        strategy_event(cells_.strategies[u.strategy], [&] { strategies_[u.strategy]->strategy->on_order_update(u); });
}

void Engine::measure_order_latency(const OrderRecord& record, const OrderUpdate& u, bool was_pending,
                                   bool was_live) noexcept {
    if (!cells_.record_distributions || (u.status != OrderStatus::Accepted && u.status != OrderStatus::Cancelled))
        return;
    const InstrumentId instrument = record.order.request.instrument;
    const std::uint32_t venue = instrument < venue_of_.size() ? venue_of_[instrument] : ~0u;
    if (venue >= cells_.venues.size()) return;
    // One record() call for both: it is inlined, and this runs on every order update.
    EngineMetrics::Venue& cells = cells_.venues[venue];
    CoalescingRecorder* latency = nullptr;
    Timestamp sent = 0;
    if (u.status == OrderStatus::Accepted && was_pending && record.status == OrderStatus::Accepted) {
        latency = &cells.ack_latency;
        sent = record.sent_ts;
    } else if (u.status == OrderStatus::Cancelled && was_live && record.cancel_requested) {
        latency = &cells.cancel_latency;
        sent = record.cancel_sent_ts;
    }
    if (latency) latency->record(now_ - sent);
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

void Engine::sample_passed_boundary(Timestamp t) noexcept {
    // One sample at the last boundary before t however many the clock jumps
    // over: a night without events is not a flood of empty samples.
    const Duration step = options_.metrics_interval;
    Timestamp boundary = next_metrics_sample_;
    if (t - boundary > step) {  // jumped past more than one boundary: find the last (two divisions)
        const Timestamp before = t - 1;
        boundary = before / step * step - (before % step < 0 ? step : 0);  // floor, also below 0
    }
    next_metrics_sample_ = boundary + step;
    now_ = std::max(now_, boundary);  // everything up to the boundary has run; observers see its time
    sample_metrics(boundary);
}

void Engine::sample_metrics(Timestamp ts) noexcept {
    last_metrics_sample_ = ts;
    // In a backtest this runs at hundreds of thousands of boundaries a second and nearly every
    // one is declined: the loop that asks stays small, and a taken sample is handled out of line.
    for (auto o = observers_.begin(); o != observers_.end(); ++o)
        if ((*o)->wants_metrics_sample(ts)) [[unlikely]]
            return take_metrics_sample(ts, o);
}

void Engine::take_metrics_sample(Timestamp ts, std::vector<RunObserver*>::const_iterator taker) noexcept {
    refresh_gauges(ts);  // once, and only for a sample someone takes
    (*taker)->on_metrics_sample(ts);
    while (++taker != observers_.end())
        if ((*taker)->wants_metrics_sample(ts)) (*taker)->on_metrics_sample(ts);
}

void Engine::sample_equity(Timestamp ts) noexcept {
    for (RunObserver* o : equity_takers_)
        for (InstrumentId i = 0; i < instruments_.size(); ++i)
            o->on_equity_sample(ts, i, portfolio_.account(i), exchange_book_.mark(i));
    // Next boundary strictly after ts: one sample per crossed interval, even across gaps.
    const Duration step = options_.equity_interval > 0 ? options_.equity_interval : 1;
    next_equity_sample_ = ts - (ts - stats_.first_ts) % step + step;
}

}  // namespace trellis::host

namespace trellis::host {

StateRefusal Engine::refused_by_state(std::uint32_t strategy, const OrderRequest& request, Quantity previous_open,
                                      RejectReason& reason, FixedText<128>& text) const noexcept {
    if (kill_.engaged()) {
        reason = RejectReason::KillSwitch;
        text.assign("kill switch engaged");
        return StateRefusal::KillSwitch;
    }
    if (strategy < strategies_.size() && !strategies_[strategy]->enabled) {
        reason = RejectReason::RiskRule;
        text.assign("strategy disabled: " + strategies_[strategy]->disabled_reason);
        return StateRefusal::StrategyDisabled;
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
            return StateRefusal::ReduceOnly;
        }
    }
    return StateRefusal::None;
}

void Engine::count_state_refusal(StateRefusal refusal) noexcept {
    ++stats_.refused_by_state;
    if (refusal == StateRefusal::KillSwitch) ++kill_.report().orders_refused;
    if (Counter* c = cells_.state_refusals[std::size_t(refusal)]) c->add();
}

std::uint64_t Engine::cancel_live(std::uint32_t strategy, InstrumentId instrument) noexcept {
    std::uint64_t sent = 0;
    const bool kill = kill_.engaged();
    for (InstrumentId i = 0; i < instruments_.size(); ++i) {
        if (instrument != kNoInstrument && i != instrument) continue;
        for (const Side side : {Side::Buy, Side::Sell}) {
            orders_.for_each_live(i, side, [&](const OrderRecord& r) {
                if ((strategy != ~0u && r.order.strategy != strategy) || r.cancel_requested) return;
                orders_.request_cancel(r.order.id, now_);  // flags only: the live list being walked is unchanged
                if (r.order.strategy < cells_.strategies.size()) cells_.strategies[r.order.strategy].cancels->add();
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

void Engine::disable_strategy(std::uint32_t strategy, std::string_view reason, std::string_view source) noexcept {
    if (strategy >= strategies_.size() || !strategies_[strategy]->enabled) return;
    strategies_[strategy]->enabled = false;
    strategies_[strategy]->disabled_reason = std::string(reason);
    notify_risk_event(RiskEventKind::StrategyDisabled, source, reason, strategy);
    raise_alert(AlertSeverity::Critical, strategies_[strategy]->name,
                "strategy disabled until an operator re-enables it: " + std::string(reason));
}

void Engine::enable_strategy(std::uint32_t strategy) noexcept {
    if (strategy >= strategies_.size()) return;
    const bool was_disabled = !strategies_[strategy]->enabled;
    strategies_[strategy]->enabled = true;
    strategies_[strategy]->disabled_reason.clear();
    if (was_disabled)
        notify_risk_event(RiskEventKind::StrategyEnabled, "operator", "strategy re-enabled by operator", strategy);
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
    for (RunObserver* o : observers_) o->on_alert(a);
}

void Engine::notify_risk_event(RiskEventKind kind, std::string_view source, std::string_view text,
                               std::uint32_t strategy) noexcept {
    if (observers_.empty()) return;
    RiskEvent event;
    event.ts = now_;
    event.kind = kind;
    event.level = wanted_risk_level();  // the level the event leaves the host at
    event.strategy = strategy;
    event.source = source;
    event.text = text;
    for (RunObserver* o : observers_) o->on_risk_event(event);
}

RiskLevel Engine::wanted_risk_level() const noexcept { return kill_.engaged() ? RiskLevel::Halted : risk_.level(); }

std::string_view Engine::risk_level_source() const noexcept {
    if (kill_.engaged()) return "kill_switch";
    const RiskLevel level = risk_.level();
    for (const auto& e : risk_.entries())
        if (e.rule->level() == level) return e.name;
    return "risk";
}

void Engine::engage_kill_switch() noexcept {
    KillSwitchReport& report = kill_.engage(now_);
    const std::uint64_t sent = cancel_live(~0u, kNoInstrument);
    kill_cancels_in_flight_ = sent;
    report.cancels_sent = sent;
    notify_risk_event(RiskEventKind::KillSwitchEngaged, "kill_switch", report.reason);
    raise_alert(AlertSeverity::Critical, "kill_switch",
                "kill switch engaged (" + report.reason + "): order entry stopped, " + std::to_string(sent) +
                    " open orders being cancelled");
    update_risk_level();
}

void Engine::release_kill_switch() noexcept {
    if (!kill_.engaged()) return;
    kill_.release();
    notify_risk_event(RiskEventKind::KillSwitchReleased, "kill_switch", "kill switch released by operator");
    raise_alert(AlertSeverity::Warning, "kill_switch", "kill switch released by operator");
    update_risk_level();
}

void Engine::update_risk_level() noexcept {
    const RiskLevel level = wanted_risk_level();
    if (level == risk_level_) return;
    const RiskLevel previous = risk_level_;
    risk_level_ = level;
    held_actions_ = options_.risk_policy.at(level);
    ++stats_.risk_level_changes;
    if (level > stats_.max_risk_level) stats_.max_risk_level = level;
    if (!observers_.empty()) {
        const std::string text =
            "risk level " + std::string(to_string(previous)) + " -> " + std::string(to_string(level));
        notify_risk_event(RiskEventKind::LevelChanged, risk_level_source(), text);
    }
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
