#pragma once
// The file where lines InfluxDB refused for good (HTTP 400, or a single line
// still too large for 413) are kept for an operator: each group preceded by
// "# <UTC time> HTTP 400: <error>". Comment
// lines keep the file valid line protocol, so after fixing the cause it can
// be replayed with `influx -import` or curl as is.

#include <chrono>
#include <filesystem>
#include <string_view>

#include "util/error.hpp"

namespace trellis::host::influx {

class DeadLetterFile {
public:
    // Opens `path` for appending (created if missing, parent directories too).
    static Result<DeadLetterFile> open(const std::filesystem::path& path);
    DeadLetterFile(DeadLetterFile&& other) noexcept;
    DeadLetterFile& operator=(DeadLetterFile&& other) noexcept;
    DeadLetterFile(const DeadLetterFile&) = delete;
    DeadLetterFile& operator=(const DeadLetterFile&) = delete;
    ~DeadLetterFile();

    // Appends the comment line "# <when> HTTP <status>: <error>" and `lines` in one write.
    Result<void> append(long status, std::string_view error, std::string_view lines,
                        std::chrono::system_clock::time_point when);

    const std::filesystem::path& path() const { return path_; }

private:
    DeadLetterFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace trellis::host::influx
