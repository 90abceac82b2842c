#include "backtest_summary.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace trellis::cli {

namespace {
// Position for JSON: a number with one instrument, else {symbol: qty}.
nlohmann::json position_json(const host::BacktestReport& r) {
    if (r.instruments.size() == 1) return r.instruments[0].position;
    nlohmann::json by_symbol = nlohmann::json::object();
    for (const auto& i : r.instruments) by_symbol[i.symbol] = i.position;
    return by_symbol;
}

nlohmann::json telemetry_json(const host::TelemetryReport& t) {
    nlohmann::json j;
    j["endpoint"] = t.endpoint;
    j["host_id"] = t.host_id;
    j["session"] = t.session;
    j["published_points"] = nlohmann::json::object();
    for (const auto& [measurement, n] : t.published_points) j["published_points"][measurement] = n;
    j["total_points"] = t.total_points;
    j["messages"] = t.messages;
    j["samples"] = t.samples;
    j["dropped_events"] = t.dropped_events;
    j["dropped_samples"] = t.dropped_samples;
    j["nudged_timestamps"] = t.nudged_timestamps;
    j["subscribers_at_start"] = t.subscribers_at_start;
    j["subscribers_wanted"] = t.subscribers_wanted;
    return j;
}

// Points per measurement: events one by one, metric measurements (dotted
// names, dozens of them) summed per area ("md.*") to keep the summary short.
std::string telemetry_text(const host::TelemetryReport& t) {
    std::map<std::string, std::uint64_t> by_group;
    for (const auto& [measurement, n] : t.published_points) {
        const std::size_t dot = measurement.find('.');
        by_group[dot == std::string::npos ? measurement : measurement.substr(0, dot) + ".*"] += n;
    }
    std::string s = fmt::format(
        "  telemetry         {:>14}   points to {} in {} messages ({} samples); dropped {} events, {} samples\n",
        t.total_points, t.endpoint, t.messages, t.samples, t.dropped_events, t.dropped_samples);
    std::string parts;
    for (const auto& [group, n] : by_group) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", group, n);
    s += fmt::format("                    {:>14}   {}\n", "", parts);
    // The log may be quieter than warnings: say it here too.
    if (t.subscribers_at_start < t.subscribers_wanted)
        s += fmt::format("                    {:>14}   only {} of {} subscribers had connected when the run started\n",
                         "", t.subscribers_at_start, t.subscribers_wanted);
    return s;
}
}  // namespace

std::string format_summary_json(const host::BacktestReport& r) {
    nlohmann::json j;
    j["events"] = r.events;
    j["orders"] = r.orders;
    j["fills"] = r.fills;
    j["position"] = position_json(r);
    j["realized_pnl"] = r.realized_pnl;
    j["unrealized_pnl"] = r.unrealized_pnl;
    j["fees"] = r.fees;
    j["max_drawdown"] = r.max_drawdown;
    j["events_per_sec"] = r.events_per_sec;
    j["wall_s"] = r.wall_s;
    if (r.telemetry.enabled) j["telemetry"] = telemetry_json(r.telemetry);
    return j.dump();
}

std::string format_summary_text(const host::BacktestReport& r) {
    const auto& c = r.order_counters;
    std::string s;
    s += "Backtest summary\n";
    s += fmt::format("  events            {:>14}\n", r.events);
    s += fmt::format("  orders            {:>14}   accepted {}, rejected {}, cancelled {}, filled {}\n", r.orders,
                     c.accepted, c.rejected, c.cancelled, c.filled);
    s += fmt::format("  fills             {:>14}   after cancel {}, unknown-order updates {}\n", r.fills,
                     c.fills_after_cancel, c.unknown_order_updates);
    for (const auto& i : r.instruments)
        s += fmt::format("  position {:<8} {:>14.{}f}   cash {:.2f}, equity {:.2f}\n", i.symbol, i.position,
                         i.qty_decimals, i.cash, i.equity);
    s += fmt::format("  realized PnL      {:>14.2f}   (before fees)\n", r.realized_pnl);
    s += fmt::format("  unrealized PnL    {:>14.2f}\n", r.unrealized_pnl);
    s += fmt::format("  fees              {:>14.2f}\n", r.fees);
    s += fmt::format("  net PnL           {:>14.2f}\n", r.realized_pnl + r.unrealized_pnl - r.fees);
    s += fmt::format("  max drawdown      {:>14.2f}\n", r.max_drawdown);
    if (!r.risk_rules.empty()) {
        s += fmt::format("  risk level        {:>14}   highest {}, {} changes, {} alerts, {} orders refused by state\n",
                         to_string(r.final_risk_level), to_string(r.engine.max_risk_level), r.engine.risk_level_changes,
                         r.engine.alerts, r.engine.refused_by_state);
        for (const auto& rule : r.risk_rules)
            s += fmt::format("  rule {:<24} {:>8} rejections of {} checks\n", rule.name, rule.rejections, rule.checks);
    }
    if (r.kill_switch.engaged)
        s += fmt::format("  kill switch       {:>14}   {} ({} cancels sent, trigger to last cancel {} us)\n", "ENGAGED",
                         r.kill_switch.reason, r.kill_switch.cancels_sent,
                         r.kill_switch.trigger_to_last_cancel_ns() / 1000);
    if (r.telemetry.enabled) s += telemetry_text(r.telemetry);
    if (r.rejected_rows > 0) s += fmt::format("  skipped rows      {:>14}\n", r.rejected_rows);
    s += fmt::format("  events/s          {:>14.0f}\n", r.events_per_sec);
    s += fmt::format("  wall time         {:>13.3f}s\n", r.wall_s);
    return s;
}

}  // namespace trellis::cli
