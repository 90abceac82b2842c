#pragma once
// The kill switch: stops order entry for every strategy and cancels every
// open order at every venue, and stays engaged until explicitly released.
//
// Anyone may ask for it from any thread (the kill-file watcher, the control
// channel, the risk level); only the engine thread engages it, at its next
// step, so the engine's state is never touched from outside. Asking is a
// flag and a timestamp, so the engine's check per event is one atomic load.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "trellis/order.hpp"

namespace trellis::host {

// Wall-clock nanoseconds (steady clock): for measuring how fast the switch acts.
inline std::int64_t steady_now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct KillSwitchReport {
    bool engaged = false;
    std::string reason;
    Timestamp engaged_at = 0;              // host time (simulated in a backtest)
    std::uint64_t cancels_sent = 0;        // cancels handed to venues because of the switch
    std::int64_t trigger_wall_ns = 0;      // when it was asked for (steady clock)
    std::int64_t last_cancel_wall_ns = 0;  // when its last cancel was handed to a venue (steady clock)
    std::uint64_t orders_refused = 0;      // order and replace requests refused while engaged
    // Trigger → last cancel handed to a venue, in ns of wall time (0 if nothing was open).
    std::int64_t trigger_to_last_cancel_ns() const noexcept {
        return last_cancel_wall_ns > 0 ? last_cancel_wall_ns - trigger_wall_ns : 0;
    }
};

class KillSwitch {
public:
    // Any thread. The first request's reason is kept; later ones only re-arm the flag.
    void request(std::string_view reason) noexcept {
        bool expected = false;
        if (claiming_.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
            reason_.assign(reason);
            trigger_wall_ns_.store(steady_now_ns(), std::memory_order_relaxed);
        }
        requested_.store(true, std::memory_order_release);
    }
    // Engine thread, every step: is there a request it has not acted on yet?
    bool pending() const noexcept { return requested_.load(std::memory_order_acquire) && !report_.engaged; }

    // Engine thread: marks the switch engaged and returns the report to fill in.
    KillSwitchReport& engage(Timestamp now) noexcept {
        report_.engaged = true;
        report_.engaged_at = now;
        report_.reason = std::string(reason_.view());
        report_.trigger_wall_ns = trigger_wall_ns_.load(std::memory_order_relaxed);
        if (report_.trigger_wall_ns == 0) report_.trigger_wall_ns = steady_now_ns();
        return report_;
    }
    // Engine thread: an explicit release by an operator.
    void release() noexcept {
        report_ = KillSwitchReport{};
        requested_.store(false, std::memory_order_release);
        claiming_.store(false, std::memory_order_release);
        trigger_wall_ns_.store(0, std::memory_order_relaxed);
    }
    bool engaged() const noexcept { return report_.engaged; }
    KillSwitchReport& report() noexcept { return report_; }
    const KillSwitchReport& report() const noexcept { return report_; }

private:
    std::atomic<bool> requested_{false};
    std::atomic<bool> claiming_{false};
    std::atomic<std::int64_t> trigger_wall_ns_{0};
    FixedText<128> reason_;  // written once by the first requester, read by the engine after `requested_`
    KillSwitchReport report_;
};

}  // namespace trellis::host
