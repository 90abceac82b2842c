#pragma once
// A hash map with a capacity fixed at construction: open addressing, linear
// probing, backward-shift deletion (no tombstones, so a long run never
// degrades). All memory is allocated once; inserts into a full map fail
// instead of growing, which keeps the per-event path allocation-free.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace trellis::simex {

/// Mixes a 64-bit value into a well-spread hash (splitmix64 finalizer).
constexpr std::uint64_t mix_hash(std::uint64_t x) noexcept {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// Key must be equality-comparable; Hash(key) -> std::uint64_t.
template <class Key, class Value, class Hash>
class FixedHashMap {
public:
    FixedHashMap() = default;
    explicit FixedHashMap(std::size_t max_entries) { reset_capacity(max_entries); }

    /// Drops every entry and sizes the table for max_entries (load factor <= 1/2).
    void reset_capacity(std::size_t max_entries) {
        max_entries_ = max_entries;
        const std::size_t slots = std::bit_ceil(max_entries * 2 < 8 ? std::size_t{8} : max_entries * 2);
        slots_.assign(slots, Slot{});
        mask_ = slots - 1;
        size_ = 0;
    }

    std::size_t size() const noexcept { return size_; }
    std::size_t max_entries() const noexcept { return max_entries_; }
    bool full() const noexcept { return size_ >= max_entries_; }

    Value* find(const Key& key) noexcept {
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            if (!slots_[i].used) return nullptr;
            if (slots_[i].key == key) return &slots_[i].value;
        }
    }
    const Value* find(const Key& key) const noexcept { return const_cast<FixedHashMap*>(this)->find(key); }

    /// The value for key, inserting `initial` if absent. nullptr if absent and the map is full.
    Value* find_or_insert(const Key& key, const Value& initial) noexcept {
        if (slots_.empty()) return nullptr;
        std::size_t i = home(key);
        for (; slots_[i].used; i = (i + 1) & mask_)
            if (slots_[i].key == key) return &slots_[i].value;
        if (full()) return nullptr;
        slots_[i] = Slot{key, initial, true};
        ++size_;
        return &slots_[i].value;
    }

    /// Removes key; false if it was absent.
    bool erase(const Key& key) noexcept {
        if (slots_.empty()) return false;
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            if (!slots_[i].used) return false;
            if (slots_[i].key == key) {
                erase_at(i);
                return true;
            }
        }
    }

    /// Removes every entry for which pred(key, value) is true; returns how many.
    template <class Pred>
    std::size_t erase_if(Pred pred) noexcept {
        std::size_t removed = 0;
        for (std::size_t i = 0; i < slots_.size();) {
            if (slots_[i].used && pred(slots_[i].key, slots_[i].value)) {
                erase_at(i);  // a later entry may have shifted into i: look at i again
                ++removed;
            } else {
                ++i;
            }
        }
        return removed;
    }

    /// Calls f(key, value) for every entry, in slot order (deterministic for a given history).
    template <class F>
    void for_each(F f) const {
        for (const auto& s : slots_)
            if (s.used) f(s.key, s.value);
    }

    void clear() noexcept {
        for (auto& s : slots_) s.used = false;
        size_ = 0;
    }

private:
    struct Slot {
        Key key{};
        Value value{};
        bool used = false;
    };

    std::size_t home(const Key& key) const noexcept { return static_cast<std::size_t>(Hash{}(key)) & mask_; }

    // Backward-shift deletion: pull later members of the probe run into the
    // hole unless doing so would move them before their home slot.
    void erase_at(std::size_t hole) noexcept {
        std::size_t j = hole;
        for (;;) {
            j = (j + 1) & mask_;
            if (!slots_[j].used) break;
            const std::size_t k = home(slots_[j].key);
            const bool stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j);
            if (stays) continue;
            slots_[hole] = slots_[j];
            hole = j;
        }
        slots_[hole].used = false;
        --size_;
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
    std::size_t max_entries_ = 0;
};

}  // namespace trellis::simex
