#include "risk_rule_support/breach_latch.hpp"

#include <cstdint>
#include <utility>

#include "risk_rule_support/rule_snapshot.hpp"

namespace trellis::risk {

namespace {
constexpr std::uint32_t kLayoutVersion = 1;
}

void BreachLatch::write(StateWriter& w) const {
    w.put(std::uint8_t(active_));
    w.put(measured_);
    w.put(peak_);
}

bool BreachLatch::read(StateReader& r) noexcept {
    std::uint8_t active = 0;
    double measured = 0, peak = 0;
    if (!r.get(active) || !r.get(measured) || !r.get(peak) || active > 1) return false;
    active_ = active != 0;
    measured_ = measured;
    peak_ = peak;
    return true;
}

std::vector<std::byte> snapshot_latch(const BreachLatch& latch, SnapshotMagic magic) {
    StateWriter w(magic, kLayoutVersion);
    latch.write(w);
    return std::move(w).take();
}

Status restore_latch(BreachLatch& latch, std::span<const std::byte> state, SnapshotMagic magic, std::string_view rule) {
    StateReader r(state);
    const auto version = r.read_header(magic, kLayoutVersion, rule);
    if (!version) return header_error(rule, version.error());
    BreachLatch read;
    const bool ok = read.read(r);
    Status status = finish_restore(r, ok, rule);
    if (status) latch = read;
    return status;
}

}  // namespace trellis::risk
