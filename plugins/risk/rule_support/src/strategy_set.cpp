#include "risk_rule_support/strategy_set.hpp"

#include <algorithm>

namespace trellis::risk {

void StrategySet::resize(std::size_t strategies) {
    words_.resize((strategies + 63) / 64);
    if (strategies % 64 != 0) words_.back() &= (std::uint64_t{1} << (strategies % 64)) - 1;  // drop indexes above
    limit_ = strategies;
    count_ = 0;
    for (const std::uint64_t word : words_) count_ += std::size_t(std::popcount(word));
}

bool StrategySet::insert(std::uint32_t strategy) noexcept {
    if (strategy >= limit_ || contains(strategy)) return false;
    words_[strategy / 64] |= std::uint64_t{1} << (strategy % 64);
    ++count_;
    return true;
}

bool StrategySet::erase(std::uint32_t strategy) noexcept {
    if (!contains(strategy)) return false;
    words_[strategy / 64] &= ~(std::uint64_t{1} << (strategy % 64));
    --count_;
    return true;
}

void StrategySet::write(StateWriter& w) const {
    w.put(std::uint32_t(count_));
    for_each([&](std::uint32_t strategy) { w.put(strategy); });
}

bool StrategySet::read(StateReader& r) {
    std::uint32_t count = 0;
    if (!r.get(count)) return false;
    // Bounded by the bytes actually present, not by a possibly corrupt count.
    std::vector<std::uint32_t> members;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t strategy = 0;
        if (!r.get(strategy) || strategy >= kMaxRestoredIndex) return false;
        if (!members.empty() && strategy <= members.back()) return false;  // a repeat, or out of order
        members.push_back(strategy);
    }
    StrategySet read;
    read.resize(std::max<std::size_t>(limit_, members.empty() ? 0 : members.back() + 1));
    for (const std::uint32_t strategy : members) read.insert(strategy);
    *this = std::move(read);
    return true;
}

}  // namespace trellis::risk
