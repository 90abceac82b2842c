#include "repeated_execution_throttle.hpp"

#include <utility>

#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/rule_snapshot.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "repeated_execution_throttle";
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'R', 'E'};
constexpr std::uint32_t kSnapshotVersion = 1;

}  // namespace

RepeatedExecutionThrottle::RepeatedExecutionThrottle(const Params& params)
    : max_fills_(std::size_t(read_positive_int(params, "max_fills", kName, "fills"))),
      window_(read_positive_millis(params, "window_ms", kName)),
      scope_(params.get_string("symbol")),
      breach_level_(read_breach_level(params, kName)),
      fills_(true, window_, max_fills_) {}

Status RepeatedExecutionThrottle::start(RiskContext& ctx) {
    if (Status s = scope_.start(ctx, kName); !s) return s;
    fills_.start(ctx.strategy_count());
    disabled_.resize(ctx.strategy_count());  // keeps restored flags of strategies the host has
    trips_ = &ctx.counter("strategies_disabled");
    ctx_ = &ctx;
    return Status::ok();
}

void RepeatedExecutionThrottle::stop() noexcept { ctx_ = nullptr; }

RiskDecision RepeatedExecutionThrottle::check(const OrderIntent& intent) noexcept {
    if (!ctx_) return RiskDecision::reject("rule not started");  // fail closed
    // Fail closed for an index the host does not have: its fills could not be counted.
    if (!fills_.find(intent.strategy)) return fills_.reject_unknown(intent.strategy);
    if (!disabled_.contains(intent.strategy)) return RiskDecision::pass();
    return (ReasonText{} << "strategy disabled after " << max_fills_ << (max_fills_ == 1 ? " fill" : " fills")
                         << " within " << Millis{window_} << "; an operator must re-enable it")
        .reject();
}

void RepeatedExecutionThrottle::on_order_update(const OrderUpdate& update) noexcept {
    if (!ctx_ || !update.is_fill() || !scope_.covers(update.instrument)) return;
    EventWindow* window = fills_.find(update.strategy);
    if (!window) return;  // check() refuses its orders
    // Host time, not venue time: windows need times that never decrease, and
    // fills from several venues interleave.
    const Timestamp now = ctx_->now();
    latest_ = now;
    window->record(now);
    if (!disabled_.contains(update.strategy) && window->count(now) >= max_fills_) trip(update.strategy);
}

void RepeatedExecutionThrottle::trip(std::uint32_t strategy) noexcept {
    disabled_.insert(strategy);
    trips_->add();
    ReasonText why;
    why << "repeated executions: " << max_fills_ << (max_fills_ == 1 ? " fill" : " fills") << " within "
        << Millis{window_};
    ctx_->disable_strategy(strategy, why.view());
    // Resting orders would keep executing while the strategy is stopped.
    ctx_->cancel_orders(strategy, kNoInstrument);
}

void RepeatedExecutionThrottle::reset(std::uint32_t strategy) noexcept {
    disabled_.erase(strategy);
    if (EventWindow* window = fills_.find(strategy)) window->clear();
}

RiskLevel RepeatedExecutionThrottle::level() const noexcept {
    return disabled_.empty() ? RiskLevel::Normal : breach_level_;
}

std::vector<std::byte> RepeatedExecutionThrottle::snapshot() const {
    StateWriter w(kSnapshotMagic, kSnapshotVersion);
    fills_.write(w, ctx_ ? ctx_->now() : latest_);
    disabled_.write(w);
    return std::move(w).take();
}

Status RepeatedExecutionThrottle::restore(std::span<const std::byte> state) {
    StateReader r(state);
    const auto version = r.read_header(kSnapshotMagic, kSnapshotVersion, kName);
    if (!version) return header_error(kName, version.error());
    SavedWindows fills;
    StrategySet disabled;
    const bool ok = StrategyWindows::read(r, fills) && disabled.read(r);
    if (Status s = finish_restore(r, ok, kName); !s) return s;

    fills_.restore(std::move(fills));
    disabled_ = std::move(disabled);
    if (ctx_) disabled_.resize(ctx_->strategy_count());  // otherwise start() sizes it
    return Status::ok();
}

}  // namespace trellis::risk
