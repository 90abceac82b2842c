#include "telemetry/wire_batcher.hpp"

namespace trellis::host::telemetry {

WireBatcher::WireBatcher(std::string host, std::uint64_t session, Send send, std::size_t max_points,
                         std::size_t max_bytes)
    : host_(std::move(host)),
      session_(session),
      send_(std::move(send)),
      max_points_(max_points),
      max_bytes_(max_bytes) {
    writer_.begin(host_, session_, next_seq_);  // flush() begins every later message
}

Result<void> WireBatcher::add(const Point& point, std::uint64_t key) {
    if (key == 0) {
        if (auto ok = writer_.add(point); !ok) return ok;
        added(count_of(point.measurement));
        return {};
    }
    auto kept = shapes_.find(key);
    if (kept == shapes_.end()) {
        auto shape = WirePointShape::of(point);
        if (!shape) return std::unexpected(shape.error());
        kept = shapes_.emplace(key, KeptShape{std::move(*shape), &count_of(point.measurement)}).first;
    } else {
        kept->second.shape.learn(point);
    }
    if (auto ok = writer_.add(point, kept->second.shape.head()); !ok) return ok;
    added(*kept->second.count);
    return {};
}

bool WireBatcher::add_numbers(std::uint64_t key, std::span<const FieldValue> numbers, std::int64_t ts) {
    const auto kept = shapes_.find(key);
    if (kept == shapes_.end() || !kept->second.shape.fits(numbers)) return false;
    writer_.add(kept->second.shape, numbers, ts);
    added(*kept->second.count);
    return true;
}

WireBatcher::MeasurementCount& WireBatcher::count_of(std::string_view measurement) {
    // Runs of one measurement are the rule (events are mostly `order`): the last key answers
    // without a map lookup.
    if (last_count_ == nullptr || measurement != last_measurement_) {
        // The key is allocated only the first time it is seen; map nodes never move.
        auto it = counts_.find(measurement);
        if (it == counts_.end()) it = counts_.emplace(std::string(measurement), MeasurementCount{}).first;
        last_measurement_ = it->first;
        last_count_ = &it->second;
    }
    return *last_count_;
}

void WireBatcher::added(MeasurementCount& count) {
    ++count.pending;
    if (writer_.count() >= max_points_ || writer_.size() >= max_bytes_) flush();
}

void WireBatcher::flush() {
    if (writer_.count() == 0) return;
    send_(writer_.bytes());
    ++messages_;
    next_seq_ += writer_.count();
    for (auto& [measurement, count] : counts_) {
        count.sent += count.pending;
        count.pending = 0;  // keep the key: the next message of that measurement does not allocate
    }
    writer_.begin(host_, session_, next_seq_);  // count() back to 0; capacity kept
}

std::map<std::string, std::uint64_t, std::less<>> WireBatcher::by_measurement() const {
    std::map<std::string, std::uint64_t, std::less<>> sent;
    for (const auto& [measurement, count] : counts_)
        if (count.sent > 0) sent.emplace(measurement, count.sent);
    return sent;
}

}  // namespace trellis::host::telemetry
