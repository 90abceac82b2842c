#pragma once
// Versioned byte encoding for Plugin::snapshot()/restore(). A snapshot starts
// with a 4-byte magic (which plugin wrote it) and a version (which layout), so
// a new plugin version can read an older layout and refuse bytes that are not
// its own. Fields are written in the host's byte order: snapshots move state
// between two instances inside one host process during a hot swap; they are
// not a portable file format.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace trellis::strategy_support {

using Magic = std::array<char, 4>;

/// Appends fields to a snapshot (allocates; snapshots are not on the hot path).
class StateWriter {
public:
    StateWriter(Magic magic, std::uint32_t version) {
        put(magic);
        put(version);
    }
    /// Appends a trivially copyable value as raw bytes.
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const std::byte*>(&value);
        bytes_.insert(bytes_.end(), p, p + sizeof(T));
    }
    /// Appends a length-prefixed string.
    void put_string(std::string_view s) {
        put(std::uint32_t(s.size()));
        const auto* p = reinterpret_cast<const std::byte*>(s.data());
        bytes_.insert(bytes_.end(), p, p + s.size());
    }
    /// The finished snapshot.
    std::vector<std::byte> take() { return std::move(bytes_); }

private:
    std::vector<std::byte> bytes_;
};

/// Reads fields back; any read past the end fails and leaves the reader failed.
class StateReader {
public:
    explicit StateReader(std::span<const std::byte> bytes) : bytes_(bytes) {}

    /// Checks the magic and returns the layout version (1..max_version), or a
    /// message saying why these bytes cannot be restored.
    std::expected<std::uint32_t, std::string> read_header(Magic magic, std::uint32_t max_version,
                                                          std::string_view plugin) {
        Magic found{};
        std::uint32_t version = 0;
        if (!get(found) || !get(version))
            return std::unexpected("snapshot is too short (" + std::to_string(bytes_.size()) + " bytes) to be a " +
                                   std::string(plugin) + " snapshot");
        if (found != magic) return std::unexpected("snapshot was not written by " + std::string(plugin));
        if (version == 0 || version > max_version)
            return std::unexpected("snapshot layout version " + std::to_string(version) + " is not understood by " +
                                   std::string(plugin) + " (reads 1.." + std::to_string(max_version) +
                                   "); restore it with the plugin version that wrote it");
        return version;
    }
    /// Reads a trivially copyable value; false (and failed()) if too few bytes remain.
    template <class T>
    bool get(T& out) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (failed_ || bytes_.size() - pos_ < sizeof(T)) return fail();
        std::memcpy(&out, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    /// Reads a length-prefixed string of at most max_len bytes.
    bool get_string(std::string& out, std::size_t max_len) {
        std::uint32_t n = 0;
        if (!get(n) || n > max_len || bytes_.size() - pos_ < n) return fail();
        out.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    /// True once a read has failed.
    bool failed() const noexcept { return failed_; }
    /// True when every byte has been consumed (trailing bytes mean a layout mismatch).
    bool at_end() const noexcept { return pos_ == bytes_.size(); }

private:
    bool fail() noexcept {
        failed_ = true;
        return false;
    }
    std::span<const std::byte> bytes_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace trellis::strategy_support
