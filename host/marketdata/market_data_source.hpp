#pragma once
// A stream of market events in exchange-time order. Readers are streaming:
// memory does not grow with the file's size.

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
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
    // a negative number when it cannot tell. Never decreases; 1 once the input
    // is used up. Cheap, but meant to be asked every few thousand events, not
    // per event.
    virtual double progress() const { return -1.0; }
};

// Hands each remaining event of `source` to `on_event`, in order. Stops at the
// first error: the source's, or on_event's when it returns Result<void>.
template <class OnEvent>
Result<void> for_each_event(MarketDataSource& source, OnEvent&& on_event) {
    MarketEvent event;
    for (;;) {
        auto more = source.next(event);
        if (!more) return std::unexpected(std::move(more.error()));
        if (!*more) return {};
        if constexpr (std::is_void_v<std::invoke_result_t<OnEvent&, const MarketEvent&>>) {
            on_event(std::as_const(event));
        } else if (auto handled = on_event(std::as_const(event)); !handled) {
            return handled;
        }
    }
}

// `done` out of `total` as a progress() fraction, clamped to 0..1 (a file
// that grew while being read must not show more than 100 %). An empty input
// has nothing left to read: it is done.
constexpr double progress_fraction(std::uint64_t done, std::uint64_t total) noexcept {
    if (done >= total) return 1.0;
    return double(done) / double(total);
}

}  // namespace trellis::host
