#pragma once
// Pre-trade risk rules in configuration order. The first rejection stops an
// intent; each rule counts its checks and rejections.

#include <algorithm>
#include <string>
#include <vector>

#include "trellis/risk_rule.hpp"

namespace trellis::host {

class RiskChain {
public:
    struct Entry {
        std::string name;
        RiskRule* rule = nullptr;
        std::uint64_t checks = 0;
        std::uint64_t rejections = 0;
    };

    void add(std::string name, RiskRule& rule) { entries_.push_back(Entry{std::move(name), &rule}); }

    // Runs the chain. On rejection returns the decision with the reason
    // prefixed by the rule's name ("max_qty: 500 > 100").
    RiskDecision check(const OrderIntent& intent) noexcept {
        for (Entry& e : entries_) {
            ++e.checks;
            RiskDecision d = e.rule->check(intent);
            if (!d.accept) {
                ++e.rejections;
                return reject_by(e, d);
            }
        }
        return RiskDecision::pass();
    }

    void on_order_update(const OrderUpdate& u) noexcept {
        for (Entry& e : entries_) e.rule->on_order_update(u);
    }
    void on_market_data(const MarketEvent& m) noexcept {
        for (Entry& e : entries_) e.rule->on_market_data(m);
    }
    // The highest level any rule reports.
    RiskLevel level() const noexcept {
        RiskLevel l = RiskLevel::Normal;
        for (const Entry& e : entries_) l = std::max(l, e.rule->level());
        return l;
    }
    const std::vector<Entry>& entries() const noexcept { return entries_; }

private:
    static RiskDecision reject_by(const Entry& e, const RiskDecision& d) noexcept {
        char buf[128];
        const auto name = std::string_view(e.name);
        const auto why = d.reason.view();
        std::size_t n = 0;
        for (char c : name)
            if (n < sizeof buf - 1) buf[n++] = c;
        for (char c : std::string_view(": "))
            if (n < sizeof buf - 1) buf[n++] = c;
        for (char c : why)
            if (n < sizeof buf - 1) buf[n++] = c;
        return RiskDecision::reject(std::string_view(buf, n));
    }

    std::vector<Entry> entries_;
};

}  // namespace trellis::host
