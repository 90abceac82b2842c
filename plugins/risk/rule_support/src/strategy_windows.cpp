#include "risk_rule_support/strategy_windows.hpp"

#include <algorithm>
#include <utility>

#include "risk_rule_support/common_params.hpp"
#include "risk_rule_support/reason_text.hpp"

namespace trellis::risk {

StrategyWindows::StrategyWindows(bool per_strategy, Duration window, std::size_t capacity) noexcept
    : per_strategy_(per_strategy), window_(window), capacity_(std::max<std::size_t>(capacity, 1)) {}

void StrategyWindows::start(std::size_t strategies) {
    windows_.assign(per_strategy_ ? strategies : 1, EventWindow(window_, capacity_));
    if (pending_) replay(*pending_);
    pending_.reset();
}

RiskDecision StrategyWindows::reject_unknown(std::uint32_t strategy) const noexcept {
    return (ReasonText{} << "strategy " << strategy << " beyond the host's " << windows_.size() << " strategies")
        .reject();
}

SavedWindows StrategyWindows::saved(Timestamp now) const {
    if (pending_) return *pending_;  // restored but never started: hand the restored events on unchanged
    SavedWindows saved{per_strategy_, {}};
    for (const EventWindow& w : windows_) {
        std::vector<Timestamp>& times = saved.times.emplace_back();
        w.for_each(now, [&](Timestamp ts) { times.push_back(ts); });
    }
    return saved;
}

void StrategyWindows::write(StateWriter& out, Timestamp now) const {
    const SavedWindows events = saved(now);
    out.put(std::uint8_t(events.per_strategy ? 1 : 0));
    out.put(std::uint32_t(events.times.size()));
    for (const std::vector<Timestamp>& times : events.times) {
        out.put(std::uint32_t(times.size()));
        for (const Timestamp ts : times) out.put(ts);
    }
}

bool StrategyWindows::read(StateReader& in, SavedWindows& out) {
    std::uint8_t per_strategy = 0;
    std::uint32_t windows = 0;
    if (!in.get(per_strategy) || !in.get(windows) || per_strategy > 1) return false;
    SavedWindows saved;
    saved.per_strategy = per_strategy != 0;
    // Every vector grows by what the bytes actually hold, not by a possibly corrupt count.
    for (std::uint32_t i = 0; i < windows; ++i) {
        std::uint32_t events = 0;
        if (!in.get(events)) return false;
        std::vector<Timestamp>& times = saved.times.emplace_back();
        for (std::uint32_t k = 0; k < events; ++k) {
            Timestamp ts = 0;
            if (!in.get(ts) || (!times.empty() && ts < times.back())) return false;
            times.push_back(ts);
        }
    }
    out = std::move(saved);
    return true;
}

void StrategyWindows::restore(SavedWindows saved) {
    if (windows_.empty()) {
        pending_ = std::move(saved);
        return;
    }
    replay(saved);
}

void StrategyWindows::replay(const SavedWindows& saved) {
    clear();
    const auto record_all = [](EventWindow& w, const std::vector<Timestamp>& times) {
        for (const Timestamp ts : times) w.record(ts);  // beyond capacity the oldest go, as in a live window
    };
    if (saved.per_strategy && !per_strategy_) {
        std::vector<Timestamp> merged;
        for (const auto& times : saved.times) merged.insert(merged.end(), times.begin(), times.end());
        std::sort(merged.begin(), merged.end());
        record_all(windows_.front(), merged);
    } else if (!saved.per_strategy && per_strategy_) {
        if (saved.times.empty()) return;
        for (EventWindow& w : windows_) record_all(w, saved.times.front());
    } else {
        for (std::size_t i = 0; i < std::min(saved.times.size(), windows_.size()); ++i)
            record_all(windows_[i], saved.times[i]);
    }
}

StrategyWindows windows_from_params(const Params& params, std::size_t capacity, std::string_view rule) {
    return StrategyWindows(params.get_bool("per_strategy"), read_positive_millis(params, "window_ms", rule), capacity);
}

}  // namespace trellis::risk
