#pragma once
// Sliding-window event counts kept either per strategy or once for the whole
// host, for rules that limit flow (orders per second, cancels per order, fills
// per minute). The windows are allocated in start(), one per strategy the host
// runs (RiskContext::strategy_count()), so no rule needs a fixed strategy
// limit and the hot path only indexes. Snapshots keep every event's exact
// time, so a restored window counts exactly what the old one would have.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "trellis/event_window.hpp"
#include "trellis/params.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/state_codec.hpp"
#include "trellis/types.hpp"

namespace trellis::risk {

/// `window_ms`: the sliding window of a flow rule.
inline constexpr ParamSpec kWindowMsParam{"window_ms", ParamType::Int, "1000", "sliding window length, milliseconds",
                                          1.0,         86'400'000.0};

/// The events a StrategyWindows held when a snapshot was taken, with their exact times.
struct SavedWindows {
    bool per_strategy = false;
    std::vector<std::vector<Timestamp>> times;  ///< per window (the strategy index when per strategy), oldest first
};

class StrategyWindows {
public:
    /// One window (per_strategy = false) or one per strategy, each `window` ns
    /// long remembering up to `capacity` (>= 1) events. Allocates nothing: start() does.
    StrategyWindows(bool per_strategy, Duration window, std::size_t capacity) noexcept;

    /// Allocates the windows — one per strategy index 0..strategies-1, or one
    /// shared — and replays a snapshot restored before it. Call in start().
    void start(std::size_t strategies);

    /// The window that counts `strategy`'s events; nullptr before start() and,
    /// per strategy, for an index the host does not have (the caller fails closed).
    EventWindow* find(std::uint32_t strategy) noexcept {
        if (windows_.empty()) return nullptr;
        if (!per_strategy_) return &windows_.front();
        return strategy < windows_.size() ? &windows_[strategy] : nullptr;
    }
    bool per_strategy() const noexcept { return per_strategy_; }
    /// The rejection for a strategy find() has no window for: failing closed,
    /// since an uncounted strategy would be unlimited.
    RiskDecision reject_unknown(std::uint32_t strategy) const noexcept;
    /// Number of windows (1 when shared, 0 before start()).
    std::size_t size() const noexcept { return windows_.size(); }
    EventWindow& at(std::size_t i) noexcept { return windows_[i]; }
    /// Forgets every event in every window.
    void clear() noexcept {
        for (EventWindow& w : windows_) w.clear();
    }

    /// Every window's events still inside it at `now`, with their times (what a
    /// snapshot keeps; restored events not yet replayed by start() as they came).
    SavedWindows saved(Timestamp now) const;
    /// Appends saved(now) to a snapshot.
    void write(StateWriter& out, Timestamp now) const;
    /// Reads what write() wrote into `out`. False on short bytes or times that
    /// go back within a window (corrupt: a window's times never decrease).
    static bool read(StateReader& in, SavedWindows& out);
    /// Replaces every window's events with the saved ones — at once when
    /// started, otherwise in start(). A mode change stays on the strict side:
    /// per-strategy events restored into a shared window are merged; shared
    /// events restored per strategy are charged to every strategy. Strategies
    /// the host no longer has are dropped; a window keeps its newest
    /// `capacity` events, as it always does.
    void restore(SavedWindows saved);

private:
    void replay(const SavedWindows& saved);

    bool per_strategy_;
    Duration window_;
    std::size_t capacity_;
    std::vector<EventWindow> windows_;
    std::optional<SavedWindows> pending_;  // restored before start()
};

/// The windows a flow rule's params describe — per_strategy and window_ms —
/// each remembering `capacity` events. Throws std::invalid_argument naming
/// `rule` for a window_ms below 1 (the host enforces the schema minimum; a
/// direct caller may not have).
StrategyWindows windows_from_params(const Params& params, std::size_t capacity, std::string_view rule);

}  // namespace trellis::risk
