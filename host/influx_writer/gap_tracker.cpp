#include "influx_writer/gap_tracker.hpp"

#include <algorithm>

namespace trellis::host::influx_writer {

SequenceCheck GapTracker::observe(std::string_view host, std::uint64_t session, std::uint64_t seq,
                                  std::uint32_t count) {
    const std::uint64_t next = seq + count;
    auto it = hosts_.find(host);
    if (it == hosts_.end()) {
        hosts_.emplace(std::string(host), HostState{session, next});
        return {SequenceCheck::Kind::Baseline};
    }
    HostState& state = it->second;
    if (state.session != session) {
        state = HostState{session, next};
        SequenceCheck check{SequenceCheck::Kind::Restart};
        if (seq > 1) {
            check.lost_from = 1;
            check.lost_points = seq - 1;
        }
        return check;
    }
    if (seq == state.expected) {
        state.expected = next;
        return {SequenceCheck::Kind::InOrder};
    }
    if (seq > state.expected) {
        SequenceCheck check{SequenceCheck::Kind::Gap, state.expected, seq - state.expected};
        state.expected = next;
        return check;
    }
    // Replayed: only the part beyond what we already have is new.
    SequenceCheck check{SequenceCheck::Kind::Duplicate};
    check.skip_points = std::min<std::uint64_t>(state.expected - seq, count);
    if (next > state.expected) state.expected = next;
    return check;
}

}  // namespace trellis::host::influx_writer
