#pragma once
// Minimal binary encoding for snapshots: fixed-width integers and doubles in
// the host's native (little-endian on every supported target) byte order.
// The reader never reads past the end; it latches a failure instead.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <vector>

namespace trellis::simex {

class ByteWriter {
public:
    template <class T>
    requires std::is_arithmetic_v<T>
    void put(T value) {
        const auto* p = reinterpret_cast<const std::byte*>(&value);
        bytes_.insert(bytes_.end(), p, p + sizeof(T));
    }
    std::vector<std::byte> take() && { return std::move(bytes_); }

private:
    std::vector<std::byte> bytes_;
};

class ByteReader {
public:
    explicit ByteReader(std::span<const std::byte> bytes) : bytes_(bytes) {}

    /// Reads a T; returns T{} and latches failure if too few bytes remain.
    template <class T>
    requires std::is_arithmetic_v<T> T get()
    noexcept {
        T value{};
        if (failed_ || bytes_.size() - pos_ < sizeof(T)) {
            failed_ = true;
            return value;
        }
        std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return value;
    }
    bool failed() const noexcept { return failed_; }
    bool at_end() const noexcept { return pos_ == bytes_.size(); }
    std::size_t position() const noexcept { return pos_; }

private:
    std::span<const std::byte> bytes_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace trellis::simex
