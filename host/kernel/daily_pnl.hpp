#pragma once
// PnL since the start of the current UTC day of the host clock: equity now
// minus the equity seen at the first observation of that day. Observed at
// metric samples, so "start of day" is the first sample after midnight.

#include "trellis/types.hpp"

namespace trellis::host {

class DailyPnl {
public:
    static constexpr Timestamp kDay = 86'400'000'000'000;  // ns

    // Equity at host time `ts`; returns the PnL of ts's UTC day so far.
    double observe(Timestamp ts, double equity) noexcept {
        const Timestamp day = ts >= 0 ? ts / kDay : (ts - kDay + 1) / kDay;  // floor, also before 1970
        if (!started_ || day != day_) {
            started_ = true;
            day_ = day;
            day_start_equity_ = equity;
        }
        return equity - day_start_equity_;
    }

private:
    bool started_ = false;
    Timestamp day_ = 0;
    double day_start_equity_ = 0.0;
};

}  // namespace trellis::host
