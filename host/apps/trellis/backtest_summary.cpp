#include "backtest_summary.hpp"

#include <format>
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
    return j.dump();
}

std::string format_summary_text(const host::BacktestReport& r) {
    const auto& c = r.order_counters;
    std::string s;
    s += "Backtest summary\n";
    s += std::format("  events            {:>14}\n", r.events);
    s += std::format("  orders            {:>14}   accepted {}, rejected {}, cancelled {}, filled {}\n", r.orders,
                     c.accepted, c.rejected, c.cancelled, c.filled);
    s += std::format("  fills             {:>14}   after cancel {}, unknown-order updates {}\n", r.fills,
                     c.fills_after_cancel, c.unknown_order_updates);
    for (const auto& i : r.instruments)
        s += std::format("  position {:<8} {:>14.{}f}   cash {:.2f}, equity {:.2f}\n", i.symbol, i.position,
                         i.qty_decimals, i.cash, i.equity);
    s += std::format("  realized PnL      {:>14.2f}   (before fees)\n", r.realized_pnl);
    s += std::format("  unrealized PnL    {:>14.2f}\n", r.unrealized_pnl);
    s += std::format("  fees              {:>14.2f}\n", r.fees);
    s += std::format("  net PnL           {:>14.2f}\n", r.realized_pnl + r.unrealized_pnl - r.fees);
    s += std::format("  max drawdown      {:>14.2f}\n", r.max_drawdown);
    for (const auto& rule : r.risk_rules)
        s += std::format("  risk {:<12} {:>14} rejections of {} checks\n", rule.name, rule.rejections, rule.checks);
    if (r.rejected_rows > 0) s += std::format("  skipped rows      {:>14}\n", r.rejected_rows);
    s += std::format("  events/s          {:>14.0f}\n", r.events_per_sec);
    s += std::format("  wall time         {:>13.3f}s\n", r.wall_s);
    return s;
}

}  // namespace trellis::cli
