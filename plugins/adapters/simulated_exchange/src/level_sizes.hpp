#pragma once
// Visible size per price level, kept from L2 level updates and L3 order
// events (and re-synchronised from L1 quotes at the best on such data). It
// answers "how much is in front of us" for an order that joins deeper than
// the best. On L3 files that only cover part of the book (e.g. LOBSTER level
// 1) it is approximate: orders older than the file, or events outside the
// file's price range, are missing. Sizes never go below zero and empty levels
// are dropped, so the table only holds live levels.

#include <cstdint>

#include "fixed_hash_map.hpp"
#include "trellis/types.hpp"

namespace trellis::simex {

struct LevelKey {
    std::int64_t price = 0;
    InstrumentId instrument = 0;
    Side side = Side::Buy;
    bool operator==(const LevelKey&) const = default;
};

struct LevelKeyHash {
    std::uint64_t operator()(const LevelKey& k) const noexcept {
        return mix_hash(static_cast<std::uint64_t>(k.price) ^ (std::uint64_t{k.instrument} << 48) ^
                        (std::uint64_t(k.side) << 63));
    }
};

class LevelSizes {
public:
    explicit LevelSizes(std::size_t max_levels) : sizes_(max_levels) {}

    /// Visible size at a level (0 if unknown).
    std::int64_t at(InstrumentId instrument, Side side, Price price) const noexcept {
        const std::int64_t* size = sizes_.find(key(instrument, side, price));
        return size ? *size : 0;
    }
    /// Sets the size of a level (0 removes it).
    void set(InstrumentId instrument, Side side, Price price, std::int64_t size) noexcept {
        const LevelKey k = key(instrument, side, price);
        if (size <= 0) {
            sizes_.erase(k);
            return;
        }
        if (std::int64_t* slot = sizes_.find_or_insert(k, 0))
            *slot = size;
        else
            overflowed_ = true;
    }
    /// Adds (or with a negative delta, removes) quantity at a level.
    void add(InstrumentId instrument, Side side, Price price, std::int64_t delta) noexcept {
        set(instrument, side, price, at(instrument, side, price) + delta);
    }
    /// True once a level could not be tracked because the table was full.
    bool overflowed() const noexcept { return overflowed_; }

    void clear() noexcept { sizes_.clear(); }
    template <class F>
    void for_each(F f) const {
        sizes_.for_each(f);
    }
    std::size_t size() const noexcept { return sizes_.size(); }
    std::size_t max_entries() const noexcept { return sizes_.max_entries(); }

private:
    static LevelKey key(InstrumentId instrument, Side side, Price price) noexcept {
        return LevelKey{price.raw, instrument, side};
    }
    FixedHashMap<LevelKey, std::int64_t, LevelKeyHash> sizes_;
    bool overflowed_ = false;
};

}  // namespace trellis::simex
