#pragma once
// Shared by the sender tests: a temporary directory, polling for a condition,
// batches with distinct timestamps, reading a file.

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "influx/line_batch.hpp"

namespace trellis::test {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "trellis-influx-sender-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

// `points` lines of measurement `measurement`, timestamps first_ns, first_ns+1, ...
inline host::influx::LineBatch make_batch(const std::string& measurement, std::uint64_t points, std::int64_t first_ns) {
    host::influx::LineBatch batch;
    for (std::uint64_t i = 0; i < points; ++i) {
        batch.lines += measurement + ",host=h1 value=" + std::to_string(i) + "i " +
                       std::to_string(first_ns + static_cast<std::int64_t>(i)) + "\n";
    }
    batch.points = points;
    return batch;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace trellis::test
