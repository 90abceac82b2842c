#pragma once
// Sizes on disk as operators write them: "1GiB", "512MiB", "64KiB", "4096B"
// (binary units only, so "1GB" is not silently read as 10^9 or 2^30).

#include <cstdint>
#include <string_view>

#include "util/error.hpp"

namespace trellis::host::influx_writer {

// A whole number followed by B, KiB, MiB or GiB (blanks between allowed).
// The error is a fragment to follow the quoted text and says how to write it.
Result<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace trellis::host::influx_writer
