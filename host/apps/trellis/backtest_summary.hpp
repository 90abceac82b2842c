#pragma once
// How a backtest's outcome is shown: a human summary or one JSON object.

#include <string>

#include "kernel/backtest.hpp"

namespace trellis::cli {

std::string format_summary_text(const host::BacktestReport& report);
// One JSON object with the keys events, orders, fills, position, realized_pnl,
// unrealized_pnl, fees, max_drawdown, events_per_sec, wall_s, and "telemetry"
// (published_points by measurement, dropped_events, ...) when telemetry was on.
std::string format_summary_json(const host::BacktestReport& report);

}  // namespace trellis::cli
