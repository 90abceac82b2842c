#pragma once
// zlib in the two shapes the sender needs: a gzip stream (RFC 1952) for the
// HTTP body and the spool records, and the CRC-32 that guards a spool record.

#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trellis::host::influx {

// `data` as one gzip member; `level` 1 (fastest) .. 9 (smallest).
Result<std::string> gzip_compress(std::string_view data, int level);

// The concatenated content of a gzip stream made by gzip_compress.
Result<std::string> gzip_decompress(std::string_view data);

// zlib's CRC-32 (the one gzip and PNG use).
std::uint32_t crc32_of(std::string_view data) noexcept;

}  // namespace trellis::host::influx
