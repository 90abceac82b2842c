#include "telemetry/wire_batcher.hpp"

namespace trellis::host::telemetry {

namespace {
using Counts = std::map<std::string, std::uint64_t, std::less<>>;

// The entry (key, count) of `key`, allocating the key only the first time it is seen. Map nodes
// never move, so the reference stays valid while the key is kept.
Counts::value_type& entry_of(Counts& counts, std::string_view key) {
    auto it = counts.find(key);
    if (it == counts.end()) it = counts.emplace(std::string(key), 0).first;
    return *it;
}
}  // namespace

WireBatcher::WireBatcher(std::string host, std::uint64_t session, Send send, std::size_t max_points,
                         std::size_t max_bytes)
    : host_(std::move(host)),
      session_(session),
      send_(std::move(send)),
      max_points_(max_points),
      max_bytes_(max_bytes) {}

Result<void> WireBatcher::add(const Point& point) {
    if (writer_.count() == 0) writer_.begin(host_, session_, next_seq_);
    if (auto added = writer_.add(point); !added) return added;
    // Runs of one measurement are the rule (events are mostly `order`): the last key answers
    // without a map lookup.
    if (last_count_ == nullptr || point.measurement != last_measurement_) {
        auto& [measurement, count] = entry_of(pending_, point.measurement);
        last_measurement_ = measurement;
        last_count_ = &count;
    }
    ++*last_count_;
    if (writer_.count() >= max_points_ || writer_.size() >= max_bytes_) flush();
    return {};
}

void WireBatcher::flush() {
    if (writer_.count() == 0) return;
    send_(writer_.bytes());
    ++messages_;
    next_seq_ += writer_.count();
    for (auto& [measurement, n] : pending_) {
        if (n == 0) continue;
        entry_of(counts_, measurement).second += n;
        n = 0;  // keep the key: the next message of that measurement does not allocate
    }
    writer_.begin(host_, session_, next_seq_);  // count() back to 0; capacity kept
}

}  // namespace trellis::host::telemetry
