#pragma once
// The benchmark's input: the real LOBSTER AMZN day, looped with shifted
// timestamps until it holds at least N events, written once as a binary event
// file in a temporary directory.

#include <cstdint>
#include <string>

#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::bench {

struct BenchData {
    std::string path;  // the binary event file
    std::uint64_t events = 0;
    InstrumentSpec instrument;  // AMZN as the file describes it
};

// Writes the looped file to `dir`; `lobster_messages` is the LOBSTER message file.
host::Result<BenchData> make_bench_data(const std::string& lobster_messages, std::uint64_t min_events,
                                        const std::string& dir);

}  // namespace trellis::bench
