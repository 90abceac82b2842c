#pragma once
// Volatility of the mid price as an exponentially weighted variance rate.
//
//   v ← v·exp(−λ·Δt) + λ·Δm²,   λ = ln 2 / half-life,   σ = √v
//
// v is in ticks² per second: for a mid that moves like Brownian motion with
// variance rate s², E[Δm²] = s²·Δt, and the update keeps E[v] = s² (its
// weights integrate to one over time). Starting at v = σ₀² is the same as an
// infinitely long history at σ₀, which then fades with the half-life — no
// warm-up special case and no division by elapsed time (events with Δt = 0 are
// fine). The decay is applied lazily when the mid changes, so exp() runs only
// on mid changes, not on every quote.

#include <cmath>
#include <cstdint>

#include "trellis/types.hpp"

namespace trellis::market_maker {

class EwmaVolatility {
public:
    /// The serializable state (snapshot/restore).
    struct State {
        double variance = 0;    ///< v, ticks²/s
        double last_mid = 0;    ///< mid at the last change, ticks
        Timestamp last_ts = 0;  ///< time of the last change, ns
        bool has_mid = false;   ///< false until the first mid
    };

    EwmaVolatility(double halflife_s, double initial_sigma_ticks) noexcept : lambda_(std::log(2.0) / halflife_s) {
        state_.variance = initial_sigma_ticks * initial_sigma_ticks;
    }

    /// Feeds the mid (in ticks) at exchange time ts; returns true if it changed.
    bool observe(Timestamp ts, double mid_ticks) noexcept {
        if (!state_.has_mid) {
            state_.has_mid = true;
            state_.last_mid = mid_ticks;
            state_.last_ts = ts;
            return true;
        }
        if (mid_ticks == state_.last_mid) return false;
        const double dt_s = ts > state_.last_ts ? double(ts - state_.last_ts) * 1e-9 : 0.0;
        const double move = mid_ticks - state_.last_mid;
        state_.variance = state_.variance * std::exp(-lambda_ * dt_s) + lambda_ * move * move;
        state_.last_mid = mid_ticks;
        state_.last_ts = ts;
        return true;
    }

    /// σ², ticks² per second.
    double variance() const noexcept { return state_.variance; }
    /// σ, ticks per √second.
    double sigma() const noexcept { return std::sqrt(state_.variance); }

    const State& state() const noexcept { return state_; }
    void set_state(const State& s) noexcept { state_ = s; }

private:
    double lambda_;  // decay rate, 1/s
    State state_;
};

}  // namespace trellis::market_maker
