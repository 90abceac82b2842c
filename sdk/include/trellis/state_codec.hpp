#pragma once
/// @file state_codec.hpp
/// Versioned bytes for Plugin::snapshot() / restore(): one writer and one
/// bounds-checked reader that every plugin uses for its state.
///
/// A snapshot starts with a 4-byte magic (which plugin wrote it) and a u32
/// layout version (which layout follows), so a new plugin version can read an
/// older layout and refuse bytes that are not its own. Fields are fixed-width
/// numbers in the host's byte order: a snapshot moves state between two
/// instances inside one host process during a hot swap; it is not a portable
/// file format. Both classes allocate (the byte vector, error messages): use
/// them in snapshot()/restore(), never on the hot path.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace trellis {

/// The first four bytes of a snapshot: which plugin wrote it, e.g. {'T', 'R', 'M', 'M'}.
using SnapshotMagic = std::array<char, 4>;

/// A number a snapshot field may hold: an integer or a float/double. bool and
/// enums are written through an explicit integer cast (the layout then says
/// their width, and a corrupt byte cannot become an invalid bool on restore);
/// long double is excluded because its padding bytes are indeterminate.
template <class T>
concept SnapshotScalar =
    (std::is_integral_v<T> && !std::is_same_v<T, bool>) || std::is_same_v<T, float> || std::is_same_v<T, double>;

/// Builds a snapshot: the header first (constructor), then fields in layout order.
class StateWriter {
public:
    /// Starts a snapshot with its header: `magic`, then `version` as a u32.
    StateWriter(SnapshotMagic magic, std::uint32_t version) {
        bytes_.reserve(64);  // also keeps g++ 12 -O3 from a false -Wstringop-overflow on the first appends
        append(magic.data(), magic.size());
        put(version);
    }
    /// Appends a number as its sizeof(T) bytes.
    template <SnapshotScalar T>
    void put(T value) {
        append(&value, sizeof value);
    }
    /// Appends a string as a u32 length followed by its bytes.
    void put_string(std::string_view text) {
        put(std::uint32_t(text.size()));
        append(text.data(), text.size());
    }
    /// The finished snapshot (the writer is spent afterwards).
    std::vector<std::byte> take() && { return std::move(bytes_); }

private:
    void append(const void* data, std::size_t size) {
        const auto* first = static_cast<const std::byte*>(data);
        bytes_.insert(bytes_.end(), first, first + size);
    }
    std::vector<std::byte> bytes_;
};

/// Reads a snapshot back field by field. It never reads past the end: the first
/// read that does not fit fails, and so does every read after it (failed()),
/// so a restore() can read a whole group of fields and check once.
class StateReader {
public:
    /// Reads `bytes`, which must outlive the reader.
    explicit StateReader(std::span<const std::byte> bytes) noexcept : bytes_(bytes) {}

    /// Reads the header and checks it: the magic must be `magic` and the
    /// version within 1..max_version. Returns the version (so a plugin can
    /// read older layouts), or a message naming `plugin` that says why these
    /// bytes cannot be restored.
    std::expected<std::uint32_t, std::string> read_header(SnapshotMagic magic, std::uint32_t max_version,
                                                          std::string_view plugin) {
        SnapshotMagic found{};
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
    /// Reads the 4-byte magic, for a plugin that checks its header itself
    /// (then reads the version with get()). On failure `out` is all zero bytes.
    bool get(SnapshotMagic& out) noexcept {
        out = {};
        return take(out.data(), out.size());
    }
    /// Reads a number written by StateWriter::put<T>. Returns false, and sets
    /// `out` to T{}, when too few bytes remain or an earlier read failed.
    template <SnapshotScalar T>
    bool get(T& out) noexcept {
        out = T{};
        return take(&out, sizeof out);
    }
    /// Reads a string written by StateWriter::put_string, refusing lengths over
    /// `max_length` (a corrupt length must not make restore() allocate gigabytes).
    /// On failure `out` is empty.
    bool get_string(std::string& out, std::size_t max_length) {
        out.clear();
        std::uint32_t length = 0;
        if (!get(length) || length > max_length || remaining() < length) return fail();
        out.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), length);
        pos_ += length;
        return true;
    }
    /// True once a read has failed.
    bool failed() const noexcept { return failed_; }
    /// True when every byte has been read; trailing bytes mean a layout mismatch.
    bool at_end() const noexcept { return pos_ == bytes_.size(); }

private:
    std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
    bool take(void* out, std::size_t size) noexcept {
        if (failed_ || remaining() < size) return fail();
        std::memcpy(out, bytes_.data() + pos_, size);
        pos_ += size;
        return true;
    }
    bool fail() noexcept {
        failed_ = true;
        return false;
    }

    std::span<const std::byte> bytes_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace trellis
