#pragma once
// Volatility of a price series sampled at irregular host times, as an
// exponentially weighted moving average of squared log returns.
//
// Each return is divided by the time it took (r² / Δt), so a sample interval
// of 1 s and one stretched over a night (the clock jumped) both contribute a
// variance per second; the result is the standard deviation of the log return
// over one second (unit 1/sqrt(s)). The mean return is taken as zero, as is
// usual at these horizons: subtracting a noisy mean estimate adds error.

#include <cmath>

#include "trellis/types.hpp"

namespace trellis::host {

class EwmaVolatility {
public:
    explicit EwmaVolatility(double alpha = 0.1) noexcept : alpha_(alpha) {}

    // A price seen at host time `ts`; prices <= 0 (no market yet) are skipped.
    void observe(Timestamp ts, double price) noexcept {
        if (!(price > 0.0)) return;
        if (last_price_ > 0.0 && ts > last_ts_) {
            const double r = std::log(price / last_price_);
            const double seconds = double(ts - last_ts_) * 1e-9;
            const double variance_per_second = r * r / seconds;
            // Seeded with the first return rather than 0, so the estimate does not start biased low.
            variance_ = seeded_ ? alpha_ * variance_per_second + (1.0 - alpha_) * variance_ : variance_per_second;
            seeded_ = true;
        }
        if (ts >= last_ts_) {
            last_price_ = price;
            last_ts_ = ts;
        }
    }
    // Standard deviation of the log return over one second (0 until two prices were seen).
    double per_sqrt_second() const noexcept { return std::sqrt(variance_); }

private:
    double alpha_;
    double variance_ = 0.0;
    bool seeded_ = false;
    double last_price_ = 0.0;
    Timestamp last_ts_ = 0;
};

}  // namespace trellis::host
