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

#include "eventually.hpp"
#include "influx/line_batch.hpp"
#include "temp_dir.hpp"

namespace trellis::test {

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
