#pragma once
// Appends to a std::string by writing straight into its buffer: the string
// grows once by an upper bound and is not zero-filled first (as resize()
// would), then is cut to what was written. The encoders size a point or a
// line once and write it with plain stores instead of appending piece by
// piece, each append checking the capacity again.

#include <cstddef>
#include <string>

namespace trellis::host::telemetry {

// `write(char* at)` writes at most `room` bytes from `at` and returns the end of what it wrote
// (`at` itself to write nothing).
template <class Write>
void append_in_place(std::string& out, std::size_t room, Write&& write) {
    const std::size_t at = out.size();
    // The operation works from `at`, not from the size it is handed: libstdc++ 12 hands it the
    // grown capacity instead of the size asked for.
    out.resize_and_overwrite(at + room,
                             [&](char* data, std::size_t) noexcept { return std::size_t(write(data + at) - data); });
}

}  // namespace trellis::host::telemetry
