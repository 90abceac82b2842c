#include "marketdata/binary_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace trellis::host {

Result<BinaryEventWriter> BinaryEventWriter::create(std::string path, std::uint32_t instrument_capacity) {
    if (instrument_capacity == 0 || instrument_capacity >= kNoInstrument)
        return fail(path + ": instrument capacity must be between 1 and 65534");
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) return fail("cannot create " + path + ": " + std::strerror(errno));
    BinaryEventWriter writer(std::move(path), std::move(fd), instrument_capacity);
    // Placeholder header (event_count = unfinished) and an empty instrument table.
    std::vector<char> zeros(std::size_t(binary_header_bytes(instrument_capacity)), 0);
    BinaryFileHeader header;
    header.header_bytes = std::uint32_t(zeros.size());
    header.instrument_capacity = instrument_capacity;
    std::memcpy(zeros.data(), &header, sizeof header);
    if (auto r = writer.write_at(zeros.data(), zeros.size(), 0); !r) return std::unexpected(r.error());
    return writer;
}

BinaryEventWriter::BinaryEventWriter(std::string path, UniqueFd fd, std::uint32_t instrument_capacity)
    : path_(std::move(path)),
      fd_(std::move(fd)),
      instrument_capacity_(instrument_capacity),
      buffer_(std::make_unique_for_overwrite<MarketEvent[]>(kBufferedEvents)),
      offset_(binary_header_bytes(instrument_capacity)) {}

Result<void> BinaryEventWriter::write(const MarketEvent& event) {
    if (!fd_) return fail(path_ + ": write after finish()");
    buffer_[buffered_++] = event;
    ++count_;
    max_instrument_ = std::max<std::uint32_t>(max_instrument_, event.instrument);
    any_instrument_ = true;
    if (buffered_ == kBufferedEvents) return flush();
    return {};
}

Result<void> BinaryEventWriter::flush() {
    const std::size_t bytes = buffered_ * sizeof(MarketEvent);
    if (auto r = write_at(buffer_.get(), bytes, offset_); !r) return r;
    offset_ += bytes;
    buffered_ = 0;
    return {};
}

Result<void> BinaryEventWriter::write_at(const void* data, std::size_t bytes, std::uint64_t offset) {
    const char* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pwrite(fd_.get(), p, bytes, off_t(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail("cannot write " + path_ + ": " + std::strerror(errno));
        p += n;
        bytes -= std::size_t(n);
        offset += std::uint64_t(n);
    }
    return {};
}

Result<void> BinaryEventWriter::finish(std::span<const InstrumentSpec> instruments) {
    if (!fd_) return fail(path_ + ": finish() called twice");
    if (instruments.size() > instrument_capacity_)
        return fail(path_ + ": " + std::to_string(instruments.size()) + " instruments do not fit the " +
                    std::to_string(instrument_capacity_) + " reserved slots; create the writer with a larger capacity");
    if (any_instrument_ && max_instrument_ >= instruments.size())
        return fail(path_ + ": events use instrument id " + std::to_string(max_instrument_) + " but only " +
                    std::to_string(instruments.size()) + " instruments were given");
    if (auto r = flush(); !r) return r;

    std::vector<BinaryInstrumentRecord> records(instruments.size());
    for (std::size_t i = 0; i < instruments.size(); ++i) {
        const InstrumentSpec& spec = instruments[i];
        records[i].symbol = spec.symbol;
        records[i].price_decimals = spec.price_decimals;
        records[i].qty_decimals = spec.qty_decimals;
        records[i].tick_size = spec.tick_size.raw;
        records[i].lot_size = spec.lot_size.raw;
    }
    if (auto r = write_at(records.data(), records.size() * sizeof(BinaryInstrumentRecord), sizeof(BinaryFileHeader));
        !r)
        return r;
    // The header goes last: until it carries the count, the file reads as unfinished.
    BinaryFileHeader header;
    header.header_bytes = std::uint32_t(binary_header_bytes(instrument_capacity_));
    header.instrument_count = std::uint32_t(instruments.size());
    header.instrument_capacity = instrument_capacity_;
    header.event_count = count_;
    if (auto r = write_at(&header, sizeof header, 0); !r) return r;
    if (::fsync(fd_.get()) != 0) return fail("cannot flush " + path_ + " to disk: " + std::strerror(errno));
    if (::close(fd_.release()) != 0) return fail("cannot close " + path_ + ": " + std::strerror(errno));
    return {};
}

}  // namespace trellis::host
