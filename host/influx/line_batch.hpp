#pragma once
// A sealed batch of InfluxDB line protocol on its way from the batcher to the
// sender: '\n'-terminated lines, uncompressed (the sender gzips on the wire).

#include <cstdint>
#include <string>

namespace trellis::host::influx {

struct LineBatch {
    std::string lines;
    std::uint64_t points = 0;  // number of lines in `lines`
    // The POST body, prepared by InfluxSender::submit on the submitting thread (the gzip of `lines`
    // when gzip is on), so the sender thread only POSTs; empty when not prepared.
    std::string body;
};

}  // namespace trellis::host::influx
