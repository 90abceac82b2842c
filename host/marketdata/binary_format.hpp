#pragma once
// The Trellis binary event file: a fixed header, the instrument table, then
// raw MarketEvent records back to back, so a reader can mmap the file and
// iterate the records in place.
//
//   offset 0             BinaryFileHeader (64 bytes)
//   offset 64            instrument_capacity × BinaryInstrumentRecord (48 bytes each;
//                        the first instrument_count are used)
//   offset header_bytes  event_count × MarketEvent (56 bytes each), 64-byte aligned
//
// Native byte order (checked with byte_order). The writer reserves room for the
// instrument table up front and fills it, with the event count, when it
// finishes; until then event_count is kUnfinishedEventCount.

#include <array>
#include <cstdint>
#include <string_view>

#include "trellis/events.hpp"

namespace trellis::host {

inline constexpr std::array<char, 8> kBinaryMagic = {'T', 'R', 'L', 'S', 'E', 'V', 'T', '\0'};
inline constexpr std::uint32_t kBinaryVersion = 1;
inline constexpr std::uint32_t kByteOrderMark = 0x01020304;
inline constexpr std::uint64_t kUnfinishedEventCount = ~std::uint64_t{0};
// The extension `trellis convert` suggests; detection relies on the magic, not the name.
inline constexpr std::string_view kBinaryExtension = ".tev";

struct BinaryFileHeader {
    std::array<char, 8> magic = kBinaryMagic;
    std::uint32_t version = kBinaryVersion;
    std::uint32_t byte_order = kByteOrderMark;
    std::uint32_t header_bytes = 0;  // offset of the first event record
    std::uint32_t event_bytes = sizeof(MarketEvent);
    std::uint32_t instrument_count = 0;
    std::uint32_t instrument_capacity = 0;
    std::uint64_t event_count = kUnfinishedEventCount;
    std::array<std::uint8_t, 24> reserved{};
};
static_assert(sizeof(BinaryFileHeader) == 64);

struct BinaryInstrumentRecord {
    std::array<char, 24> symbol{};  // NUL-terminated
    std::int32_t price_decimals = 0;
    std::int32_t qty_decimals = 0;
    std::int64_t tick_size = 1;  // raw
    std::int64_t lot_size = 1;   // raw
};
static_assert(sizeof(BinaryInstrumentRecord) == 48);

// Where the events start for a table of `instrument_capacity` slots: rounded
// up to 64 bytes so records start on a cache line in the mapping.
constexpr std::uint64_t binary_header_bytes(std::uint64_t instrument_capacity) noexcept {
    const std::uint64_t raw = sizeof(BinaryFileHeader) + instrument_capacity * sizeof(BinaryInstrumentRecord);
    return (raw + 63) / 64 * 64;
}

}  // namespace trellis::host
