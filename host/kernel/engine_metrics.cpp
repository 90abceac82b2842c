#include "kernel/engine_metrics.hpp"

#include "kernel/risk_chain.hpp"

namespace trellis::host {

namespace {

// The label values of host-state refusals in risk.rejections{rule=...}.
constexpr std::array<std::string_view, EngineMetrics::kStateRefusals> kStateRefusalNames{"", "kill_switch",
                                                                                         "reduce_only", "disabled"};

}  // namespace

void EngineMetrics::create(MetricsRegistry& registry, const EngineMetricLabels& labels, bool distributions,
                           Duration market_data_latency) {
    record_distributions = distributions;
    instruments.clear();
    for (const std::string& symbol : labels.instruments) {
        const std::vector<MetricLabel> l{{"instrument", symbol}};
        Instrument c;
        c.updates = &registry.counter("md.updates", l, "events");
        c.lag.attach(&registry.histogram("md.lag", l, "ns"), market_data_latency);
        c.volatility = &registry.gauge("md.volatility", l, "1/sqrt(s)");
        c.book_imbalance = &registry.gauge("md.book_imbalance", l, "ratio");
        c.mid = &registry.gauge("md.mid", l, "price");
        c.inventory = &registry.gauge("risk.inventory", l, "units");
        c.cash = &registry.gauge("account.cash", l, "currency");
        c.equity = &registry.gauge("account.equity", l, "currency");
        c.unrealized_pnl = &registry.gauge("account.unrealized_pnl", l, "currency");
        c.realized_pnl = &registry.gauge("account.realized_pnl", l, "currency");
        c.fees = &registry.gauge("account.fees", l, "currency");
        instruments.push_back(c);
    }

    strategies.clear();
    quotes.clear();
    for (const std::string& name : labels.strategies) {
        const std::vector<MetricLabel> l{{"strategy", name}};
        Strategy c;
        c.sent = &registry.counter("order.sent", l, "orders");
        c.cancels = &registry.counter("order.cancels", l, "cancels");
        c.fills = &registry.counter("order.fills", l, "fills");
        c.open = &registry.gauge("order.open", l, "orders");
        c.events = &registry.counter("strategy.events", l, "events");
        c.intents_per_event.attach(&registry.histogram("strategy.intents_per_event", l, "intents"));
        c.cancel_ratio = &registry.gauge("risk.cancel_ratio", l, "ratio");
        strategies.push_back(c);
        for (const std::string& symbol : labels.instruments) {
            const std::vector<MetricLabel> li{{"strategy", name}, {"instrument", symbol}};
            quotes.push_back(Quotes{&registry.gauge("strategy.quoted_spread", li, "price"),
                                    &registry.gauge("strategy.bid_price", li, "price"),
                                    &registry.gauge("strategy.ask_price", li, "price")});
        }
    }

    venues.clear();
    for (const std::string& name : labels.venues) {
        const std::vector<MetricLabel> l{{"venue", name}};
        Venue& v = venues.emplace_back();
        v.reconnects = &registry.counter("md.reconnects", l, "reconnects");
        v.ack_latency.attach(&registry.histogram("order.ack_latency", l, "ns"));
        v.cancel_latency.attach(&registry.histogram("order.cancel_latency", l, "ns"));
    }

    for (std::size_t r = 0; r < kReasons; ++r)
        rejects[r] = &registry.counter("order.rejects", {{"reason", to_string(RejectReason(r))}}, "orders");
    rule_rejections.clear();
    for (const std::string& rule : labels.rules)
        rule_rejections.push_back(&registry.counter("risk.rejections", {{"rule", rule}}, "orders"));
    rule_rejections_seen_.assign(rule_rejections.size(), 0);
    for (std::size_t s = 1; s < kStateRefusals; ++s)
        state_refusals[s] = &registry.counter("risk.rejections", {{"rule", kStateRefusalNames[s]}}, "orders");

    risk_level = &registry.gauge("risk.level", {}, "level");
    kill_switch = &registry.gauge("risk.kill_switch", {}, "0/1");
    daily_pnl = &registry.gauge("risk.daily_pnl", {}, "currency");
    drawdown = &registry.gauge("risk.drawdown", {}, "currency");
}

void EngineMetrics::count_rule_rejections(const RiskChain& chain) noexcept {
    const auto& entries = chain.entries();
    for (std::size_t i = 0; i < entries.size() && i < rule_rejections.size(); ++i) {
        const std::uint64_t now = entries[i].rejections;
        if (now != rule_rejections_seen_[i]) {
            rule_rejections[i]->add(std::int64_t(now - rule_rejections_seen_[i]));
            rule_rejections_seen_[i] = now;
        }
    }
}

void EngineMetrics::flush_distributions() noexcept {
    if (!record_distributions) return;  // nothing was recorded (and the zeros of a count are not either)
    for (Instrument& i : instruments) i.lag.flush(std::uint64_t(i.updates->value()));
    for (Strategy& s : strategies) s.intents_per_event.flush(std::uint64_t(s.events->value()));
    for (Venue& v : venues) {
        v.ack_latency.flush();
        v.cancel_latency.flush();
    }
}

}  // namespace trellis::host
