#pragma once
// Positions, cash, fees and PnL per instrument, exact in fixed point.
//
// Average-cost accounting in integers: the open position carries its signed
// cost basis (open_cost). Closing c units of a position p removes
// open_cost × c / p (truncated) from the basis; whatever truncation leaves
// stays in the basis, so cash = initial + realized − open_cost − fees holds to
// the last unit at all times (tests check it over whole runs).

#include <cstdint>
#include <vector>

#include "trellis/context.hpp"
#include "trellis/types.hpp"

namespace trellis::host {

struct InstrumentAccount {
    Quantity position;       // signed
    Money open_cost = 0;     // signed cost basis of the open position
    Money realized_pnl = 0;  // before fees
    Money fees = 0;          // paid (negative = rebates)
    Money cash = 0;          // initial cash − Σ signed notional − fees
    Money initial_cash = 0;
    Quantity bought;  // Σ buy fill quantities
    Quantity sold;    // Σ sell fill quantities
    std::uint64_t fills = 0;

    // Position value at a mark price (Money units).
    Money market_value(Price mark) const noexcept { return notional(mark, position); }
    Money unrealized_pnl(Price mark) const noexcept { return market_value(mark) - open_cost; }
    Money equity(Price mark) const noexcept { return cash + market_value(mark); }
};

class Portfolio {
public:
    // One account per instrument; initial cash per instrument in its Money units.
    explicit Portfolio(std::size_t instruments, std::vector<Money> initial_cash = {});

    void apply_fill(InstrumentId instrument, Side side, Price price, Quantity qty, Money fee) noexcept;

    const InstrumentAccount& account(InstrumentId instrument) const noexcept { return accounts_[instrument]; }
    std::size_t size() const noexcept { return accounts_.size(); }
    PositionView view(InstrumentId instrument) const noexcept;

private:
    std::vector<InstrumentAccount> accounts_;
};

}  // namespace trellis::host
