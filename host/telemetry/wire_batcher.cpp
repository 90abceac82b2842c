#include "telemetry/wire_batcher.hpp"

namespace trellis::host::telemetry {

WireBatcher::WireBatcher(std::string host, std::uint64_t session, Send send, std::size_t max_points,
                         std::size_t max_bytes)
    : host_(std::move(host)),
      session_(session),
      send_(std::move(send)),
      max_points_(max_points),
      max_bytes_(max_bytes) {}

Result<void> WireBatcher::add(const Point& point) { return add(point, {}); }

Result<void> WireBatcher::add(const Point& point, std::string_view head) {
    if (writer_.count() == 0) writer_.begin(host_, session_, next_seq_);
    if (auto added = writer_.add(point, head); !added) return added;
    // Runs of one measurement are the rule (events are mostly `order`): the last key answers
    // without a map lookup.
    if (last_count_ == nullptr || point.measurement != last_measurement_) {
        // The key is allocated only the first time it is seen; map nodes never move.
        auto it = counts_.find(point.measurement);
        if (it == counts_.end()) it = counts_.emplace(std::string(point.measurement), MeasurementCount{}).first;
        last_measurement_ = it->first;
        last_count_ = &it->second;
    }
    ++last_count_->pending;
    if (writer_.count() >= max_points_ || writer_.size() >= max_bytes_) flush();
    return {};
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
