#pragma once
// Reads a text file line by line through one reusable buffer, so memory stays
// bounded by the longest line, never by the file. Accepts "\n" and "\r\n",
// a missing final newline, and a UTF-8 byte-order mark.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "marketdata/unique_fd.hpp"
#include "util/error.hpp"

namespace trellis::host {

// Some tools write it at the start of a UTF-8 text file; it is not data.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class LineReader {
public:
    // Lines longer than this are an error (a binary file read as text, most likely).
    static constexpr std::size_t kMaxLineBytes = std::size_t{256} << 20;

    static Result<LineReader> open(std::string path, std::size_t buffer_bytes = std::size_t{1} << 16);

    // Sets `line` to the next line without its terminator; the view stays valid
    // until the next call. Returns false at the end of the file.
    Result<bool> next(std::string_view& line);

    // 1-based number of the line last returned (0 before the first).
    std::uint64_t line_number() const noexcept { return line_number_; }
    const std::string& path() const noexcept { return path_; }

    // Bytes of the file handed out as lines so far (terminators included),
    // not merely read into the buffer.
    std::uint64_t bytes_consumed() const noexcept { return bytes_read_ - (end_ - begin_); }
    // The file's size when it was opened, or nullopt when it has none (a pipe).
    std::optional<std::uint64_t> size_bytes() const noexcept { return size_bytes_; }
    // bytes_consumed() / size_bytes() for progress bars: 0..1, or negative when
    // the size is unknown.
    double progress() const noexcept;

private:
    LineReader(std::string path, UniqueFd fd, std::optional<std::uint64_t> size_bytes, std::size_t buffer_bytes);
    Result<void> fill();

    std::string path_;
    UniqueFd fd_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;  // first unread byte
    std::size_t end_ = 0;    // one past the last valid byte
    bool eof_ = false;
    std::uint64_t line_number_ = 0;
    std::uint64_t bytes_read_ = 0;  // from the file into the buffer
    std::optional<std::uint64_t> size_bytes_;
};

}  // namespace trellis::host
