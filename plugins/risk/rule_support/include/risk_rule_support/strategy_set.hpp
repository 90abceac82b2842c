#pragma once
// A set of strategy indexes (disabled strategies, strategies with orders in an
// instrument), sized from the host's strategy count in start() so that no
// rule needs a fixed limit on strategies. One bit per strategy; insert and
// lookup never allocate.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trellis/state_codec.hpp"

namespace trellis::risk {

class StrategySet {
public:
    /// Highest index plus one a snapshot may name: far above any host's strategy
    /// count, and low enough that a corrupt index cannot make read() allocate much.
    static constexpr std::uint32_t kMaxRestoredIndex = 1u << 16;

    /// Makes room for indexes 0..strategies-1 (call in start(): the only
    /// allocation). Members below the new limit stay; those above are dropped.
    void resize(std::size_t strategies);
    /// Indexes below this can be members.
    std::size_t limit() const noexcept { return limit_; }

    bool contains(std::uint32_t strategy) const noexcept {
        return strategy < limit_ && ((words_[strategy / 64] >> (strategy % 64)) & 1u) != 0;
    }
    /// Adds `strategy`; false when it already was a member or is not below limit().
    bool insert(std::uint32_t strategy) noexcept;
    /// Removes `strategy`; false when it was not a member.
    bool erase(std::uint32_t strategy) noexcept;
    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }

    /// Calls f(std::uint32_t) for each member in ascending order.
    template <class F>
    void for_each(F&& f) const {
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (std::uint64_t rest = words_[w]; rest != 0; rest &= rest - 1)
                f(std::uint32_t(w * 64 + std::size_t(std::countr_zero(rest))));
    }

    /// Appends the members (a u32 count, then each index ascending) to a snapshot.
    void write(StateWriter& w) const;
    /// Replaces the members with what write() wrote, growing limit() to fit
    /// them (the rule resizes to the host's count in start()). False, set
    /// unchanged, on short bytes, indexes not strictly ascending, or an index
    /// at or above kMaxRestoredIndex.
    bool read(StateReader& r);

private:
    std::vector<std::uint64_t> words_;
    std::size_t limit_ = 0;
    std::size_t count_ = 0;
};

}  // namespace trellis::risk
