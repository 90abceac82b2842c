#include "influx_writer/line_batcher.hpp"

#include <algorithm>
#include <utility>

namespace trellis::host::influx_writer {

namespace {
// A typical telemetry line is well under this; reserving it once per batch
// keeps a filling batch from reallocating over and over.
constexpr std::size_t kTypicalLineBytes = 128;
constexpr std::size_t kMaxReserveBytes = std::size_t(4) << 20;
}  // namespace

LineBatcher::LineBatcher(const BatchLimits& limits, influx::InfluxSender& sender) : limits_(limits), sender_(&sender) {
    start_batch();
}

void LineBatcher::start_batch() {
    open_ = influx::LineBatch{};
    open_.lines.reserve(std::min(limits_.max_points * kTypicalLineBytes, kMaxReserveBytes));
}

Result<void> LineBatcher::add(const telemetry::Point& point, TimePoint now) {
    if (auto ok = encoder_.append(open_.lines, point); !ok) return ok;
    if (open_.points++ == 0) opened_at_ = now;
    if (open_.points >= limits_.max_points) seal();
    return {};
}

void LineBatcher::seal_if_due(TimePoint now) {
    if (open_.points > 0 && now - opened_at_ >= limits_.max_delay) seal();
}

void LineBatcher::seal() {
    if (open_.points == 0) return;
    sender_->submit(std::exchange(open_, influx::LineBatch{}));
    start_batch();
}

std::optional<LineBatcher::TimePoint> LineBatcher::due_at() const {
    if (open_.points == 0) return std::nullopt;
    return opened_at_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(limits_.max_delay);
}

}  // namespace trellis::host::influx_writer
