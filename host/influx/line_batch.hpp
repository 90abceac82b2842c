#pragma once
// A sealed batch of InfluxDB line protocol on its way from the batcher to the
// sender: '\n'-terminated lines, uncompressed (the sender gzips on the wire).

#include <cstdint>
#include <string>

namespace trellis::host::influx {

struct LineBatch {
    std::string lines;
    std::uint64_t points = 0;  // number of lines in `lines`
    // The gzip of `lines` when it was made already — by InfluxSender::submit on the submitting
    // thread when gzip is on, or read back from the spool — so neither the spool nor the POST
    // compresses it again; empty when not made.
    std::string body;
};

}  // namespace trellis::host::influx
