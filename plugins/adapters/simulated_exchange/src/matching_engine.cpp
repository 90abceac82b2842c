#include "matching_engine.hpp"

#include <string>

namespace trellis::simex {

namespace {
// Late cancels arrive within the response latency of a fill, so a few times the
// open-order capacity of recently finished ids is plenty.
std::size_t terminal_capacity(std::size_t max_open_orders) {
    return max_open_orders * 4 < 1024 ? 1024 : max_open_orders * 4;
}
}  // namespace

MatchingEngine::MatchingEngine(const ExchangeConfig& config)
    : config_(config),
      resting_(config.max_open_orders),
      late_(config.max_tracked_venue_orders),
      levels_(config.max_tracked_levels),
      terminal_(terminal_capacity(config.max_open_orders)) {}

Status MatchingEngine::start(AdapterContext& ctx) {
    const std::size_t count = ctx.instrument_count();
    if (restored_) {
        if (markets_.size() != count)
            return Status::error(StatusCode::FailedPrecondition,
                                 "restored state has " + std::to_string(markets_.size()) +
                                     " instruments but the host has " + std::to_string(count) +
                                     "; restore a snapshot taken with the same instrument table");
    } else {
        markets_.assign(count, InstrumentMarket{});
        resting_.reset(count);
    }
    emit_.bind(ctx);
    return Status::ok();
}

std::optional<QueuePosition> MatchingEngine::queue_position(OrderId id) const noexcept {
    const std::uint32_t index = resting_.find(id);
    if (index == RestingOrders::kNil) return std::nullopt;
    return resting_.at(index).queue;
}

std::optional<std::int64_t> MatchingEngine::filled_qty(OrderId id) const noexcept {
    const std::uint32_t index = resting_.find(id);
    if (index == RestingOrders::kNil) return std::nullopt;
    return resting_.at(index).filled;
}

bool MatchingEngine::exact_queue(const InstrumentMarket& m) const noexcept {
    return config_.queue_model == QueueModel::Exact || (config_.queue_model == QueueModel::Auto && m.l3_seen);
}

}  // namespace trellis::simex
