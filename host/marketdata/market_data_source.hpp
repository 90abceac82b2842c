#pragma once
// A stream of market events in exchange-time order. Readers are streaming:
// memory does not grow with the file's size.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "trellis/events.hpp"
#include "util/error.hpp"

namespace trellis::host {

struct SourceStats {
    std::uint64_t rows = 0;                     // input rows (or records) read
    std::uint64_t events = 0;                   // events produced
    std::uint64_t rejected_rows = 0;            // malformed rows skipped (skip mode only)
    std::vector<std::string> first_rejections;  // "file:line: reason", at most a few
};

class MarketDataSource {
public:
    virtual ~MarketDataSource() = default;
    // Fills `event` with the next event. Returns false at the end; an error
    // (malformed row in strict mode, I/O failure) says file:line and why.
    virtual Result<bool> next(MarketEvent& event) = 0;
    virtual const SourceStats& stats() const = 0;
    // How far through its input the source is, 0..1 (for progress bars), or
    // a negative number when it cannot tell.
    virtual double progress() const { return -1.0; }
};

}  // namespace trellis::host
