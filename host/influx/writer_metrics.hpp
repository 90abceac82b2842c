#pragma once
// trellis-influx's own counters: updated by its threads (each cell by one
// thread), written to InfluxDB as the measurement "trellis_influx" every
// interval, and printed at shutdown. docs/monitoring.md explains each.

#include <atomic>
#include <cstdint>

namespace trellis::host::influx {

struct WriterMetrics {
    template <class T>
    using Cell = std::atomic<T>;
    // receiver / batcher thread
    Cell<std::uint64_t> messages_in{0};      // ZeroMQ messages received
    Cell<std::uint64_t> bad_messages{0};     // messages that failed to decode (discarded whole)
    Cell<std::uint64_t> points_in{0};        // points decoded from hosts
    Cell<std::uint64_t> points_rejected{0};  // points the line encoder refused (logged, dead-lettered)
    Cell<std::uint64_t> gaps{0};             // sequence gaps seen (per host session)
    Cell<std::uint64_t> lost_points{0};      // points missing in those gaps
    Cell<std::uint64_t> host_restarts{0};    // new sessions from a known host
    // sender thread
    Cell<std::uint64_t> points_out{0};            // points InfluxDB acknowledged with 204
    Cell<std::uint64_t> batches_out{0};           // POSTs answered 204
    Cell<std::uint64_t> retries{0};               // POSTs retried after 5xx, timeout or refused connection
    Cell<std::uint64_t> splits{0};                // batches split after 413
    Cell<std::uint64_t> dead_letter_points{0};    // lines InfluxDB rejected with 400, written to the dead-letter file
    Cell<std::uint64_t> spooled_batches{0};       // batches written to the disk spool
    Cell<std::uint64_t> spool_bytes{0};           // gauge: bytes in the spool now
    Cell<std::uint64_t> spool_dropped_points{0};  // points dropped because the spool hit its bound
    Cell<std::uint64_t> replayed_batches{0};      // spooled batches delivered later
};

}  // namespace trellis::host::influx
