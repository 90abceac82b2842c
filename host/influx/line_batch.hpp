#pragma once
// A sealed batch of InfluxDB line protocol on its way from the batcher to the
// sender: '\n'-terminated lines, uncompressed (the sender gzips on the wire).

#include <cstdint>
#include <string>

namespace trellis::host::influx {

struct LineBatch {
    std::string lines;
    std::uint64_t points = 0;  // number of lines in `lines`
};

}  // namespace trellis::host::influx
