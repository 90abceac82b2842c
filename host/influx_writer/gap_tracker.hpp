#pragma once
// Checks each message's sequence numbers against what its host's session
// should send next (telemetry/wire_format.hpp: `seq` numbers points, a message
// covers seq .. seq+count-1). It only judges; the caller counts and logs.
//
//   first message ever seen from a host  -> baseline (the writer joined late:
//                                           earlier points are not "lost")
//   same session, seq == expected        -> in order
//   same session, seq >  expected        -> gap: expected .. seq-1 lost
//   same session, seq <  expected        -> replayed: the first expected-seq
//                                           points are duplicates (all of them
//                                           if the message ends before expected)
//   new session from a known host        -> restart; points 1 .. seq-1 of the
//                                           new session are lost (a restarted
//                                           host starts at 1 and we were
//                                           listening)

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace trellis::host::influx_writer {

struct SequenceCheck {
    enum class Kind { Baseline, InOrder, Gap, Duplicate, Restart };
    Kind kind = Kind::Baseline;
    std::uint64_t lost_from = 0;    // first lost sequence number (when lost_points > 0)
    std::uint64_t lost_points = 0;  // points missing before this message
    std::uint64_t skip_points = 0;  // leading points of this message already seen: drop them
};

class GapTracker {
public:
    // Judges one well-formed message and advances the host's expected sequence number.
    SequenceCheck observe(std::string_view host, std::uint64_t session, std::uint64_t seq, std::uint32_t count);

    std::size_t hosts() const noexcept { return hosts_.size(); }

private:
    struct HostState {
        std::uint64_t session = 0;
        std::uint64_t expected = 0;  // seq of the next point this session should send
    };
    // Transparent lookup: a known host costs no std::string per message.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, HostState, Hash, std::equal_to<>> hosts_;
};

}  // namespace trellis::host::influx_writer
