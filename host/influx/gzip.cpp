#include "influx/gzip.hpp"

#include <zlib.h>

#include <limits>

namespace trellis::host::influx {
namespace {

// windowBits 15 (the largest window) + 16 asks zlib for a gzip header and
// trailer instead of a raw zlib stream: InfluxDB's Content-Encoding: gzip
// means exactly that.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default
constexpr std::size_t kChunk = 64 * 1024;

Bytef* bytes(std::string_view data) { return reinterpret_cast<Bytef*>(const_cast<char*>(data.data())); }

}  // namespace

Result<std::string> gzip_compress(std::string_view data, int level) {
    if (level < 1 || level > 9) return fail("gzip level " + std::to_string(level) + " is outside 1..9");
    if (data.size() > std::numeric_limits<uInt>::max()) return fail("gzip: a buffer larger than 4 GiB");
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
        return fail("gzip: deflateInit2 failed (out of memory?)");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = bytes(data);
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    // deflateBound guarantees one Z_FINISH call is enough.
    const int status = deflate(&stream, Z_FINISH);
    const auto produced = stream.total_out;
    deflateEnd(&stream);
    if (status != Z_STREAM_END) return fail("gzip: deflate failed with zlib status " + std::to_string(status));
    out.resize(produced);
    return out;
}

Result<std::string> gzip_decompress(std::string_view data) {
    if (data.size() > std::numeric_limits<uInt>::max()) return fail("gunzip: a buffer larger than 4 GiB");
    z_stream stream{};
    if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) return fail("gunzip: inflateInit2 failed (out of memory?)");
    stream.next_in = bytes(data);
    stream.avail_in = static_cast<uInt>(data.size());
    std::string out;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        const std::size_t before = out.size();
        out.resize(before + kChunk);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        stream.avail_out = static_cast<uInt>(kChunk);
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(before + kChunk - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ended before the gzip trailer
        if (status != Z_OK && status != Z_STREAM_END) break;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return fail("gunzip: corrupt or truncated gzip data (zlib status " + std::to_string(status) + ")");
    return out;
}

std::uint32_t crc32_of(std::string_view data) noexcept {
    // crc32_z takes a size_t length, so no chunking is needed.
    return static_cast<std::uint32_t>(
        crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(data.data()), data.size()));
}

}  // namespace trellis::host::influx
