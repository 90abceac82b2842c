#pragma once
// Stale market-data guard: do not trade on prices that may no longer hold.
// Price collars (ESMA RTS 6 art. 15) and erroneous-order checks (SEC 15c3-5
// (c)(1)(ii)) are only as good as the prices they compare against. When an
// instrument has had no market-data update for max_age_ms, orders in it are
// rejected and the strategies' live orders there are cancelled — on the next
// order intent, and proactively by a timer due exactly when the data turns
// stale, so quotes are pulled even when nobody trades. See README.md.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/instrument_scope.hpp"
#include "risk_rule_support/strategy_set.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// Parameter schema (see README.md).
inline constexpr ParamSpec kStaleMarketDataParams[] = {
    {"max_age_ms", ParamType::Int, "5000",
     "an instrument whose last market-data update is this old (or older) is stale, milliseconds", 1.0, 86'400'000.0},
    kSymbolParam,
    breach_level_param("elevated"),
};

class StaleMarketData final : public RiskRule {
public:
    /// The token of this rule's timers.
    static constexpr std::uint64_t kTimerToken = 0x5354414C45;  // "STALE"

    /// Throws std::invalid_argument for max_age_ms < 1 or an unknown breach_level.
    explicit StaleMarketData(const Params& params);

    /// Resolves the symbol and sizes the per-instrument state for the host's
    /// instruments and strategies (the only allocation).
    Status start(RiskContext& ctx) override;
    RiskDecision check(const OrderIntent& intent) noexcept override;
    void on_market_data(const MarketEvent& event) noexcept override;
    /// Remembers which strategies have orders in which instruments.
    void on_order_update(const OrderUpdate& update) noexcept override;
    void on_timer(const TimerEvent& timer) noexcept override;
    /// breach_level while an instrument that had data has gone stale.
    RiskLevel level() const noexcept override;
    void stop() noexcept override;
    std::vector<std::byte> snapshot() const override;
    Status restore(std::span<const std::byte> state) override;

    /// Instruments that had data and are now stale (quotes pulled).
    std::size_t stale_instruments() const noexcept { return stale_count_; }

private:
    static constexpr Timestamp kNever = std::numeric_limits<Timestamp>::min();

    struct Feed {
        Timestamp last_update = kNever;  // host time the last update was seen; kNever: none yet
        bool pulled = false;             // stale, and this stale spell's orders have been cancelled
        StrategySet strategies;          // the strategies that have sent orders in this instrument
    };

    bool is_stale(const Feed& feed, Timestamp now) const noexcept;
    void mark_stale(InstrumentId instrument) noexcept;
    void arm_timer() noexcept;

    Duration max_age_;
    InstrumentScope scope_;
    RiskLevel breach_level_;
    RiskContext* ctx_ = nullptr;
    std::vector<Feed> feeds_;  // by instrument id
    std::size_t stale_count_ = 0;
    Timestamp timer_at_ = kNever;  // when the pending timer is due; kNever: none pending
    Counter* pulls_ = nullptr;     // cancel_orders calls made
};

}  // namespace trellis::risk
