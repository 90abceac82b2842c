#pragma once
// The risk benchmarks: per-order latency of a 10-rule chain (C++ or Lua), and
// tick-to-order latency (quote in → order out of the chain) with the market
// maker and the same chain.

#include <string>

#include "percentiles.hpp"
#include "util/error.hpp"

namespace trellis::bench {

struct LatencyResult {
    std::string name;
    Percentiles latency;
    std::uint64_t accepted = 0;  // intents the chain accepted (chain benchmarks)
};

// `config` is a backtest configuration with the chain under [[risk.rules]].
host::Result<LatencyResult> bench_risk_chain(const std::string& name, const std::string& config, std::size_t orders);
host::Result<LatencyResult> bench_tick_to_order(const std::string& name, const std::string& config);

}  // namespace trellis::bench
