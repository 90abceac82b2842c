#include "marketdata/line_reader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "marketdata/market_data_source.hpp"

namespace trellis::host {

namespace {

std::string_view without_carriage_return(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}
}  // namespace

Result<LineReader> LineReader::open(std::string path, std::size_t buffer_bytes) {
    auto fd = open_for_reading(path);
    if (!fd) return std::unexpected(fd.error());
    struct stat st {};
    std::optional<std::uint64_t> size_bytes;
    if (::fstat(fd->get(), &st) == 0 && S_ISREG(st.st_mode)) size_bytes = std::uint64_t(st.st_size);
    return LineReader(std::move(path), std::move(*fd), size_bytes, buffer_bytes < 16 ? 16 : buffer_bytes);
}

LineReader::LineReader(std::string path, UniqueFd fd, std::optional<std::uint64_t> size_bytes, std::size_t buffer_bytes)
    : path_(std::move(path)), fd_(std::move(fd)), buffer_(buffer_bytes), size_bytes_(size_bytes) {}

double LineReader::progress() const noexcept {
    return size_bytes_ ? progress_fraction(bytes_consumed(), *size_bytes_) : -1.0;
}

Result<void> LineReader::fill() {
    // Keep the unfinished line, move it to the front, and read behind it.
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) {
        if (buffer_.size() >= kMaxLineBytes)
            return fail(path_ + ":" + std::to_string(line_number_ + 1) + ": line is longer than " +
                        std::to_string(kMaxLineBytes) + " bytes (is this really a text file?)");
        buffer_.resize(buffer_.size() * 2);
    }
    for (;;) {
        const ssize_t n = ::read(fd_.get(), buffer_.data() + end_, buffer_.size() - end_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail("cannot read " + path_ + ": " + std::strerror(errno));
        if (n == 0) eof_ = true;
        end_ += std::size_t(n);
        bytes_read_ += std::uint64_t(n);
        return {};
    }
}

Result<bool> LineReader::next(std::string_view& line) {
    for (;;) {
        const char* start = buffer_.data() + begin_;
        if (const void* nl = std::memchr(start, '\n', end_ - begin_)) {
            const auto length = std::size_t(static_cast<const char*>(nl) - start);
            line = without_carriage_return({start, length});
            begin_ += length + 1;
            break;
        }
        if (eof_) {
            if (begin_ == end_) return false;
            line = without_carriage_return({start, end_ - begin_});  // last line without a newline
            begin_ = end_;
            break;
        }
        if (auto filled = fill(); !filled) return std::unexpected(filled.error());
    }
    if (++line_number_ == 1 && line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
    return true;
}

}  // namespace trellis::host
