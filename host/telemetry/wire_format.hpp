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
#include <unordered_map>
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

// Builds one message. Reuse it: begin() keeps the buffer's capacity, so a warm
// writer does not allocate.
class WireMessageWriter {
public:
    // Starts a message; `seq` is the sequence number its first point will get.
    void begin(std::string_view host, std::uint64_t session, std::uint64_t seq);
    // Appends a point. Refused (message unchanged): strings longer than
    // kWireMaxString, more than kWireMaxTags tags or kWireMaxFields fields.
    Result<void> add(const Point& point);
    // The same, with the point's measurement and tags already in wire form (WireHeadCache): they
    // are copied as they are, and only the fields are sized and written. An empty head: add(point).
    Result<void> add(const Point& point, std::string_view head);

    std::uint32_t count() const noexcept { return count_; }
    // The message so far (header count kept up to date).
    std::string_view bytes() const noexcept { return buffer_; }
    std::size_t size() const noexcept { return buffer_.size(); }

private:
    std::string buffer_;
    std::uint32_t count_ = 0;
    std::size_t count_offset_ = 0;
};

// The wire form of points' heads — measurement and tags, the part that repeats from one event to
// the next — kept by a key the caller derives from what determines them (an order event's
// strategy, instrument, side and status), so a point's head is encoded once and then copied.
class WireHeadCache {
public:
    // The head of `point`, encoded the first time `key` is asked for; empty when the point exceeds
    // a wire limit (WireMessageWriter::add then says which). The same key must always come with
    // the same measurement and tags. The view stays valid while the cache lives.
    std::string_view head(std::uint64_t key, const Point& point);

private:
    std::unordered_map<std::uint64_t, std::string> heads_;
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
