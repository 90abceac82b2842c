#include "stale_market_data.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "risk_rule_support/reason_text.hpp"
#include "risk_rule_support/rule_snapshot.hpp"
#include "trellis/state_codec.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "stale_market_data";
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'S', 'D'};
constexpr std::uint32_t kSnapshotVersion = 1;

}  // namespace

StaleMarketData::StaleMarketData(const Params& params)
    : max_age_(read_positive_millis(params, "max_age_ms", kName)),
      scope_(params.get_string("symbol")),
      breach_level_(read_breach_level(params, kName)) {}

Status StaleMarketData::start(RiskContext& ctx) {
    if (Status s = scope_.start(ctx, kName); !s) return s;
    if (feeds_.empty()) {
        feeds_.assign(ctx.instrument_count(), Feed{});
    } else if (feeds_.size() != ctx.instrument_count()) {
        return Status::error(StatusCode::FailedPrecondition,
                             std::string(kName) + ": the restored state covers " + std::to_string(feeds_.size()) +
                                 " instruments but the host has " + std::to_string(ctx.instrument_count()) +
                                 "; start this rule without restoring");
    }
    // Strategies a restored snapshot names but this host does not have are dropped.
    for (Feed& feed : feeds_) feed.strategies.resize(ctx.strategy_count());
    pulls_ = &ctx.counter("quote_pulls");
    ctx_ = &ctx;
    arm_timer();
    return Status::ok();
}

void StaleMarketData::stop() noexcept { ctx_ = nullptr; }

bool StaleMarketData::is_stale(const Feed& feed, Timestamp now) const noexcept {
    // Inclusive: data exactly max_age old is stale, which is when the timer fires.
    return feed.last_update == kNever || now - feed.last_update >= max_age_;
}

void StaleMarketData::mark_stale(InstrumentId instrument) noexcept {
    Feed& feed = feeds_[instrument];
    if (feed.pulled) return;  // once per stale spell
    feed.pulled = true;
    if (feed.last_update != kNever) ++stale_count_;
    feed.strategies.for_each([&](std::uint32_t strategy) {
        ctx_->cancel_orders(strategy, instrument);
        pulls_->add();
    });
}

void StaleMarketData::arm_timer() noexcept {
    // One timer, due when the first of the still-fresh instruments turns stale.
    Timestamp next = kNever;
    for (std::size_t i = 0; i < feeds_.size(); ++i) {
        const Feed& feed = feeds_[i];
        if (!scope_.covers(InstrumentId(i)) || feed.last_update == kNever || feed.pulled) continue;
        const Timestamp due = feed.last_update + max_age_;
        if (next == kNever || due < next) next = due;
    }
    if (next == kNever || (timer_at_ != kNever && timer_at_ <= next)) return;
    ctx_->set_timer(std::max(next, ctx_->now()), kTimerToken);
    timer_at_ = next;
}

RiskDecision StaleMarketData::check(const OrderIntent& intent) noexcept {
    if (!ctx_) return RiskDecision::reject("rule not started");  // fail closed
    const InstrumentId instrument = intent.request.instrument;
    if (!scope_.covers(instrument)) return RiskDecision::pass();  // covered: in the host's table, so in feeds_
    Feed& feed = feeds_[instrument];
    feed.strategies.insert(intent.strategy);
    const Timestamp now = ctx_->now();
    if (!is_stale(feed, now)) return RiskDecision::pass();

    mark_stale(instrument);
    // A strategy index beyond the host's count cannot be remembered; it may still
    // have orders there from before this spell.
    if (intent.strategy >= feed.strategies.limit()) {
        ctx_->cancel_orders(intent.strategy, instrument);
        pulls_->add();
    }
    ReasonText why;
    why << "no market data for " << ctx_->instrument(instrument)->name();
    if (feed.last_update == kNever) return (why << " yet").reject();
    return (why << " for " << Millis{now - feed.last_update} << " (max_age " << Millis{max_age_} << ")").reject();
}

void StaleMarketData::on_market_data(const MarketEvent& event) noexcept {
    if (!ctx_ || !scope_.covers(event.instrument)) return;
    Feed& feed = feeds_[event.instrument];
    if (feed.pulled) {  // the stale spell is over
        feed.pulled = false;
        if (feed.last_update != kNever) --stale_count_;
    }
    feed.last_update = ctx_->now();
    // Every other fresh instrument is due no later than this one, so a pending
    // timer is early enough; without one, this instrument sets the deadline.
    if (timer_at_ == kNever) {
        timer_at_ = feed.last_update + max_age_;
        ctx_->set_timer(timer_at_, kTimerToken);
    }
}

void StaleMarketData::on_order_update(const OrderUpdate& update) noexcept {
    if (ctx_ && scope_.covers(update.instrument)) feeds_[update.instrument].strategies.insert(update.strategy);
}

void StaleMarketData::on_timer(const TimerEvent& timer) noexcept {
    if (!ctx_ || timer.token != kTimerToken) return;
    if (timer_at_ != kNever && timer.ts >= timer_at_) timer_at_ = kNever;
    const Timestamp now = ctx_->now();
    for (std::size_t i = 0; i < feeds_.size(); ++i) {
        const Feed& feed = feeds_[i];
        // An instrument that never had data has no orders to pull: check() refuses them all.
        if (scope_.covers(InstrumentId(i)) && feed.last_update != kNever && is_stale(feed, now))
            mark_stale(InstrumentId(i));
    }
    arm_timer();
}

RiskLevel StaleMarketData::level() const noexcept { return stale_count_ > 0 ? breach_level_ : RiskLevel::Normal; }

std::vector<std::byte> StaleMarketData::snapshot() const {
    StateWriter w(kSnapshotMagic, kSnapshotVersion);
    w.put(std::uint32_t(feeds_.size()));
    for (const Feed& feed : feeds_) {
        w.put(feed.last_update);
        w.put(std::uint8_t(feed.pulled));
        feed.strategies.write(w);
    }
    return std::move(w).take();
}

Status StaleMarketData::restore(std::span<const std::byte> state) {
    StateReader r(state);
    const auto version = r.read_header(kSnapshotMagic, kSnapshotVersion, kName);
    if (!version) return header_error(kName, version.error());
    std::uint32_t count = 0;
    bool ok = r.get(count) && count <= 0x10000;  // instrument ids are 16-bit: a larger count is corrupt
    std::vector<Feed> feeds(ok ? count : 0);
    for (Feed& feed : feeds) {
        std::uint8_t pulled = 0;
        ok = ok && r.get(feed.last_update) && r.get(pulled) && pulled <= 1 && feed.strategies.read(r);
        feed.pulled = pulled != 0;
    }
    if (Status s = finish_restore(r, ok, kName); !s) return s;
    if (ctx_ && feeds.size() != ctx_->instrument_count())
        return Status::error(StatusCode::FailedPrecondition,
                             std::string(kName) + ": the snapshot covers " + std::to_string(feeds.size()) +
                                 " instruments but the host has " + std::to_string(ctx_->instrument_count()));
    if (ctx_)
        for (Feed& feed : feeds) feed.strategies.resize(ctx_->strategy_count());
    feeds_ = std::move(feeds);
    stale_count_ = 0;
    for (const Feed& feed : feeds_)
        if (feed.pulled && feed.last_update != kNever) ++stale_count_;
    if (ctx_) arm_timer();
    return Status::ok();
}

}  // namespace trellis::risk
