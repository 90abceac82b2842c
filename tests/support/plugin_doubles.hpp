#pragma once
// Test doubles for the SDK plugin interfaces: a strategy that records what it
// sees and runs a script, a venue that records requests and lets the test
// decide what happens, a risk rule with a programmable verdict, and an alert
// sink that collects alerts.

#include <functional>
#include <vector>

#include "trellis/alert_sink.hpp"
#include "trellis/exchange_adapter.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/strategy.hpp"

namespace trellis::fakes {

class RecordingStrategy final : public Strategy {
public:
    struct Seen {
        Timestamp now;
        MarketEvent event;
    };
    StrategyContext* ctx = nullptr;
    std::vector<Seen> quotes;
    std::vector<std::pair<Timestamp, OrderUpdate>> updates;
    std::vector<std::pair<Timestamp, TimerEvent>> timers;
    std::function<void(RecordingStrategy&, const MarketEvent&)> on_quote_script;
    std::function<void(RecordingStrategy&, const OrderUpdate&)> on_update_script;

    Status start(StrategyContext& c) override {
        ctx = &c;
        return Status::ok();
    }
    void on_quote(const MarketEvent& e) noexcept override {
        quotes.push_back({ctx->now(), e});
        if (on_quote_script) on_quote_script(*this, e);
    }
    void on_order_update(const OrderUpdate& u) noexcept override {
        updates.emplace_back(ctx->now(), u);
        if (on_update_script) on_update_script(*this, u);
    }
    void on_timer(const TimerEvent& t) noexcept override { timers.emplace_back(ctx->now(), t); }
};

class ScriptedVenue final : public ExchangeAdapter {
public:
    AdapterContext* ctx = nullptr;
    std::vector<std::pair<Timestamp, Order>> submitted;
    std::vector<std::pair<Timestamp, OrderId>> cancels;
    std::vector<std::pair<Timestamp, MarketEvent>> market;
    // What to do with a new order; default: accept it.
    std::function<void(ScriptedVenue&, const Order&)> on_submit = [](ScriptedVenue& v, const Order& o) {
        v.report(o, OrderStatus::Accepted);
    };

    Status start(AdapterContext& c) override {
        ctx = &c;
        return Status::ok();
    }
    void on_market_data(const MarketEvent& e) noexcept override { market.emplace_back(ctx->now(), e); }
    void submit(const Order& o) noexcept override {
        submitted.emplace_back(ctx->now(), o);
        on_submit(*this, o);
    }
    void cancel(OrderId id) noexcept override {
        cancels.emplace_back(ctx->now(), id);
        for (const auto& [t, o] : submitted)
            if (o.id == id) report(o, OrderStatus::Cancelled);
    }
    void replace(OrderId, Price, Quantity) noexcept override {}

    // Emits an update for order o; a fill when fill_qty > 0.
    void report(const Order& o, OrderStatus status, std::int64_t fill_qty = 0, std::int64_t fill_px = 0, Money fee = 0,
                std::int64_t cum = 0) {
        OrderUpdate u;
        u.ts = ctx->now();
        u.id = o.id;
        u.instrument = o.request.instrument;
        u.side = o.request.side;
        u.status = status;
        u.price = o.request.price;
        u.qty = o.request.qty;
        u.last_qty = Quantity{fill_qty};
        u.last_price = Price{fill_px};
        u.last_fee = fee;
        u.filled_qty = Quantity{cum};
        ctx->emit(u);
    }
};

class ProgrammableRule final : public RiskRule {
public:
    std::function<RiskDecision(const OrderIntent&)> verdict = [](const OrderIntent&) { return RiskDecision::pass(); };
    std::vector<OrderUpdate> updates;
    RiskLevel reported_level = RiskLevel::Normal;
    RiskContext* ctx = nullptr;
    Status start(RiskContext& c) override {
        ctx = &c;
        return Status::ok();
    }
    RiskLevel level() const noexcept override { return reported_level; }
    RiskDecision check(const OrderIntent& i) noexcept override { return verdict(i); }
    void on_order_update(const OrderUpdate& u) noexcept override { updates.push_back(u); }
};

class CollectingAlertSink final : public AlertSink {
public:
    std::vector<Alert> alerts;
    Status start(Context&) override { return Status::ok(); }
    void on_alert(const Alert& a) noexcept override { alerts.push_back(a); }
};

}  // namespace trellis::fakes
