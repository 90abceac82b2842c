#pragma once
// Packs points into wire messages (wire_format.hpp) and hands each finished
// message to a sender: at most `max_points` points or about `max_bytes`
// bytes per message. Numbers every point with the per-host sequence (a
// message's header carries the sequence of its first point) and counts the
// points sent per measurement. Points that repeat are added by a key the
// caller derives from what determines their measurement, tags and field keys
// (an order event's strategy, instrument, side and status; a metric's
// registry index): their wire form is kept (WirePointShape), so the next one
// costs a copy and, when its fields are all numbers, not even a Point.

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "telemetry/wire_format.hpp"

namespace trellis::host::telemetry {

class WireBatcher {
public:
    using Send = std::function<void(std::string_view message)>;
    static constexpr std::size_t kDefaultMaxPoints = 1000;
    static constexpr std::size_t kDefaultMaxBytes = 64 * 1024;

    WireBatcher(std::string host, std::uint64_t session, Send send, std::size_t max_points = kDefaultMaxPoints,
                std::size_t max_bytes = kDefaultMaxBytes);

    // Adds a point to the current message, sending it once full. An error
    // (a point the wire format cannot carry) leaves everything unchanged.
    // `key` (not 0): the point's shape is kept under it, or taken from it. The
    // same key must always come with the same measurement and tags, and its
    // points whose fields are all numbers with the same field keys and types.
    Result<void> add(const Point& point, std::uint64_t key = 0);
    // The point kept under `key` (an all-number point added with that key
    // before) with `numbers` as its field values, in its fields' order, and
    // timestamp `ts`. False, and nothing added, when the key has no such point
    // or the numbers do not match its fields in count and type: add the
    // whole point instead.
    bool add_numbers(std::uint64_t key, std::span<const FieldValue> numbers, std::int64_t ts);
    // Sends the current message if it holds any point.
    void flush();

    std::uint64_t next_seq() const noexcept { return next_seq_; }
    std::uint64_t messages() const noexcept { return messages_; }
    std::uint64_t points() const noexcept { return next_seq_ - 1; }
    // Points sent, by measurement (built on each call: for reports, not for a loop).
    std::map<std::string, std::uint64_t, std::less<>> by_measurement() const;

private:
    std::string host_;
    std::uint64_t session_;
    Send send_;
    std::size_t max_points_;
    std::size_t max_bytes_;
    WireMessageWriter writer_;
    std::uint64_t next_seq_ = 1;  // sequence of the first point of the message being built
    std::uint64_t messages_ = 0;
    struct MeasurementCount {
        std::uint64_t pending = 0;  // in the message being built
        std::uint64_t sent = 0;
    };
    // One entry per measurement seen: a point looks its measurement up once (none for a run of
    // one measurement, or a point added by key), a sent message moves the pending counts over
    // without a second lookup.
    std::map<std::string, MeasurementCount, std::less<>> counts_;
    std::string_view last_measurement_;       // a key of counts_ (its node never moves)
    MeasurementCount* last_count_ = nullptr;  // that key's counts
    struct KeptShape {
        WirePointShape shape;
        MeasurementCount* count;  // its measurement's entry in counts_
    };
    std::unordered_map<std::uint64_t, KeptShape> shapes_;

    MeasurementCount& count_of(std::string_view measurement);
    // After a point went into the message: count it, send the message once full.
    void added(MeasurementCount& count);
};

}  // namespace trellis::host::telemetry
