#pragma once
// The telemetry wire format: one ZeroMQ message (a single frame) carries a
// header and a run of points. docs/telemetry.md describes it byte by byte;
// this is the one implementation both ends use (the host's publisher writes,
// trellis-influx reads). All integers little-endian.
//
//   message := "TRLT" version:u8(=1) flags:u8(=0) reserved:u16(=0)
//              host:str session:u64 seq:u64 count:u32 point{count}
//   point   := measurement:str ntags:u8 (key:str value:str){ntags}
//              nfields:u8 field{nfields} ts:i64
//   field   := key:str type:u8 value     type 0 = i64, 1 = f64, 2 = bool (u8 0/1), 3 = str
//   str     := len:u16 bytes{len}        (UTF-8, no terminator)
//
// `seq` numbers POINTS, not messages: it is the per-host sequence number of
// the message's first point (1 for the first point a host session
// publishes); the next message from the same session starts at seq + count.
// A subscriber that sees a larger seq than it expected lost exactly the
// difference. `session` is chosen afresh each time a host starts, so a
// restarted host (seq back at 1) is told apart from lost points.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "telemetry/point.hpp"
#include "util/error.hpp"

namespace trellis::host::telemetry {

inline constexpr std::string_view kWireMagic = "TRLT";
inline constexpr std::uint8_t kWireVersion = 1;
inline constexpr std::size_t kWireMaxString = 65535;
inline constexpr std::size_t kWireMaxTags = 255;
inline constexpr std::size_t kWireMaxFields = 255;

struct WireHeader {
    std::string_view host;
    std::uint64_t session = 0;
    std::uint64_t seq = 0;  // sequence number of the first point
    std::uint32_t count = 0;
};

class WirePointShape;

// Builds one message. Reuse it: begin() keeps the buffer's capacity, so a warm
// writer does not allocate.
class WireMessageWriter {
public:
    // Starts a message; `seq` is the sequence number its first point will get.
    void begin(std::string_view host, std::uint64_t session, std::uint64_t seq);
    // Appends a point. Refused (message unchanged): strings longer than
    // kWireMaxString, more than kWireMaxTags tags or kWireMaxFields fields.
    Result<void> add(const Point& point);
    // The same, with the point's measurement and tags already in wire form (WirePointShape::head):
    // they are copied as they are, and only the fields are sized and written. An empty head: add(point).
    Result<void> add(const Point& point, std::string_view head);
    // Appends the point of `shape`'s numeric template with `numbers` as its field values and `ts`
    // as its timestamp; `numbers` must fit (shape.fits(numbers)).
    void add(const WirePointShape& shape, std::span<const FieldValue> numbers, std::int64_t ts);

    std::uint32_t count() const noexcept { return count_; }
    // The message so far (header count kept up to date).
    std::string_view bytes() const noexcept { return buffer_; }
    std::size_t size() const noexcept { return buffer_.size(); }

private:
    // A point was appended: counts it, in the header too.
    void counted() noexcept;

    std::string buffer_;
    std::uint32_t count_ = 0;
    std::size_t count_offset_ = 0;
};

// The wire form of a point that repeats — the same measurement, tags and field keys with new values
// (an order event of one strategy, instrument, side and status; one metric) — encoded once and
// then copied. It always holds the head (measurement and tags). Once a point whose fields are all
// numbers (integer or float) has passed through it, it also holds that whole point with a slot per
// value and for the timestamp: the next such point is the copy with its values written in.
class WirePointShape {
public:
    // The shape of `point`; the writer's error when the point exceeds a wire limit.
    static Result<WirePointShape> of(const Point& point);

    std::string_view head() const noexcept { return std::string_view(bytes_).substr(0, head_size_); }
    // Takes `point` (same measurement and tags) as the numeric template when it has none yet and
    // every field of `point` is a number; a point over the wire limits is not taken.
    void learn(const Point& point);
    // Do `numbers` fill the numeric template: one holds, and they match its fields in count and type?
    bool fits(std::span<const FieldValue> numbers) const noexcept;

private:
    friend class WireMessageWriter;
    struct Slot {
        std::uint32_t at;    // offset in bytes_ of the value
        std::uint8_t index;  // FieldValue variant index: 0 integer, 1 float
    };
    std::string bytes_;  // the head, then (with a template) the fields and the timestamp
    std::size_t head_size_ = 0;
    bool numeric_ = false;
    std::vector<Slot> slots_;
};

// Reads one message without copying: the views it hands out point into the
// message bytes (and, for tags and fields, into the reader's scratch, valid
// until the next call to next()). Errors name the byte offset and what was
// wrong; a message with an error must be discarded as a whole.
class WireMessageReader {
public:
    static Result<WireMessageReader> open(std::string_view message);

    const WireHeader& header() const noexcept { return header_; }
    // The next point, false after the last one (and an error if bytes remain or are missing).
    Result<bool> next(Point& out);

private:
    explicit WireMessageReader(std::string_view message) : data_(message) {}

    std::string_view data_;
    std::size_t pos_ = 0;
    std::uint32_t read_ = 0;
    WireHeader header_;
    std::vector<Tag> tags_;
    std::vector<Field> fields_;
};

}  // namespace trellis::host::telemetry
