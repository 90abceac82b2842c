#pragma once
// The breached state of an equity-based limit (session loss, drawdown). Once
// the measure reaches its limit the rule stays breached and remembers what it
// saw, so its rejections and its level do not flicker while equity wobbles
// around the limit. It clears only when the rule says so (a drawdown rule may
// on a new equity peak) or when the session ends with the rule instance.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "trellis/state_codec.hpp"
#include "trellis/status.hpp"

namespace trellis::risk {

class BreachLatch {
public:
    /// Latches a breach: the measure that reached the limit and the equity peak it was measured from.
    void trip(double measured, double peak) noexcept {
        active_ = true;
        measured_ = measured;
        peak_ = peak;
    }
    void clear() noexcept { *this = BreachLatch{}; }

    bool active() const noexcept { return active_; }
    /// The measure (loss, drawdown %) when the breach latched.
    double measured() const noexcept { return measured_; }
    /// The equity peak when the breach latched.
    double peak() const noexcept { return peak_; }

    /// Appends the latch to a snapshot.
    void write(StateWriter& w) const;
    /// Reads what write() wrote; false (latch unchanged) on short or corrupt bytes.
    bool read(StateReader& r) noexcept;

private:
    bool active_ = false;
    double measured_ = 0.0;
    double peak_ = 0.0;
};

/// snapshot() of a rule whose whole state is its latch: the header (`magic`, layout 1), then the latch.
std::vector<std::byte> snapshot_latch(const BreachLatch& latch, SnapshotMagic magic);

/// restore() of such a rule: `latch` takes the snapshot's state only when every
/// byte is right; otherwise it is unchanged and the Status names `rule` and why.
Status restore_latch(BreachLatch& latch, std::span<const std::byte> state, SnapshotMagic magic, std::string_view rule);

}  // namespace trellis::risk
