#pragma once
// One record of a spool segment file, little-endian:
//   u32 magic "TSP1" | u32 payload bytes | u64 points | u32 CRC-32 of payload | payload
// The payload is the batch's lines, gzip-compressed. The CRC lets recovery
// tell a complete record from one torn by a crash or damaged on disk.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trellis::host::influx {

inline constexpr std::uint32_t kSpoolRecordMagic = 0x31505354;  // "TSP1" read as little-endian bytes
inline constexpr std::size_t kSpoolRecordHeaderBytes = 20;

struct SpoolRecordHeader {
    std::uint32_t payload_bytes = 0;
    std::uint64_t points = 0;
    std::uint32_t crc = 0;
};

// Header + payload, ready to append to a segment.
std::string encode_spool_record(std::string_view payload, std::uint64_t points);

enum class RecordCheck {
    Valid,
    Torn,     // the bytes end inside the record (a crash during the append)
    Corrupt,  // wrong magic or CRC: damaged
};

struct RecordView {
    RecordCheck check = RecordCheck::Torn;
    SpoolRecordHeader header;
    std::string_view payload;  // valid only when check == Valid
    std::size_t total_bytes() const { return kSpoolRecordHeaderBytes + header.payload_bytes; }
};

// Reads the record that starts at the beginning of `bytes` (which may hold more after it).
RecordView read_spool_record(std::string_view bytes) noexcept;

}  // namespace trellis::host::influx
