#pragma once
// Streams MarketEvents into a Trellis binary event file (binary_format.hpp).
// Events go through a fixed buffer; finish() writes the instrument table and
// the event count. A file that was never finished is refused by the reader.

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "marketdata/binary_format.hpp"
#include "marketdata/unique_fd.hpp"
#include "util/error.hpp"

namespace trellis::host {

class BinaryEventWriter {
public:
    static constexpr std::uint32_t kDefaultInstrumentCapacity = 256;
    static constexpr std::size_t kBufferedEvents = 16384;  // ~900 KB per write(2)

    // Creates (or truncates) `path`. `instrument_capacity` bounds how many
    // instruments finish() may list.
    static Result<BinaryEventWriter> create(std::string path,
                                            std::uint32_t instrument_capacity = kDefaultInstrumentCapacity);

    Result<void> write(const MarketEvent& event);
    // Flushes, writes the instrument table (event instrument ids index it) and
    // the event count, and closes the file.
    Result<void> finish(std::span<const InstrumentSpec> instruments);

    std::uint64_t events_written() const noexcept { return count_; }
    const std::string& path() const noexcept { return path_; }

private:
    BinaryEventWriter(std::string path, UniqueFd fd, std::uint32_t instrument_capacity);
    Result<void> flush();
    Result<void> write_at(const void* data, std::size_t bytes, std::uint64_t offset);

    std::string path_;
    UniqueFd fd_;
    std::uint32_t instrument_capacity_;
    std::unique_ptr<MarketEvent[]> buffer_;
    std::size_t buffered_ = 0;
    std::uint64_t count_ = 0;
    std::uint64_t offset_ = 0;  // where the next flushed event goes
    std::uint32_t max_instrument_ = 0;
    bool any_instrument_ = false;
};

}  // namespace trellis::host
