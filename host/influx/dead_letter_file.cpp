#include "influx/dead_letter_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "util/time_text.hpp"

namespace trellis::host::influx {

Result<DeadLetterFile> DeadLetterFile::open(const std::filesystem::path& path) {
    if (path.empty()) return fail("the dead-letter file path is empty; set where refused lines should be kept");
    std::error_code error;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
    // O_APPEND: every write lands at the end even if an operator truncates or
    // another process appends (e.g. a previous run still shutting down).
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail("cannot open the dead-letter file " + path.string() + ": " + std::strerror(errno) +
                    "; check that its directory exists and is writable");
    }
    return DeadLetterFile(path, fd);
}

DeadLetterFile::DeadLetterFile(DeadLetterFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

DeadLetterFile& DeadLetterFile::operator=(DeadLetterFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        path_ = std::move(other.path_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

DeadLetterFile::~DeadLetterFile() {
    if (fd_ >= 0) ::close(fd_);
}

Result<void> DeadLetterFile::append(long status, std::string_view error, std::string_view lines,
                                    std::chrono::system_clock::time_point when) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(when.time_since_epoch()).count();
    std::string text = "# " + format_utc_ns(ns) + " HTTP " + std::to_string(status) + ": ";
    for (const char c : error) text.push_back(c == '\n' || c == '\r' ? ' ' : c);  // the comment is one line
    text.push_back('\n');
    text.append(lines);
    if (!text.ends_with('\n')) text.push_back('\n');
    std::string_view rest = text;
    while (!rest.empty()) {
        const ssize_t written = ::write(fd_, rest.data(), rest.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return fail("writing the dead-letter file " + path_.string() + " failed: " + std::strerror(errno));
        }
        rest.remove_prefix(static_cast<std::size_t>(written));
    }
    return {};
}

}  // namespace trellis::host::influx
