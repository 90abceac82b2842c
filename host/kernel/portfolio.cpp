#include "kernel/portfolio.hpp"

#include <cstdlib>

namespace trellis::host {

namespace {
// 128-bit intermediate so basis × closing quantity cannot overflow.
__extension__ typedef __int128 wide_int;
}  // namespace

Portfolio::Portfolio(std::size_t instruments, std::vector<Money> initial_cash) : accounts_(instruments) {
    for (std::size_t i = 0; i < accounts_.size() && i < initial_cash.size(); ++i) {
        accounts_[i].initial_cash = initial_cash[i];
        accounts_[i].cash = initial_cash[i];
    }
}

void Portfolio::apply_fill(InstrumentId instrument, Side side, Price price, Quantity qty, Money fee) noexcept {
    InstrumentAccount& a = accounts_[instrument];
    const std::int64_t s = sign(side);
    a.cash -= s * notional(price, qty) + fee;
    a.fees += fee;
    ++a.fills;
    (side == Side::Buy ? a.bought : a.sold) += qty;

    std::int64_t remaining = qty.raw;
    const std::int64_t pos = a.position.raw;
    if (pos != 0 && (pos > 0) != (s > 0)) {
        // Closing (part of) the open position.
        const std::int64_t closing = remaining < std::llabs(pos) ? remaining : std::llabs(pos);
        const Money removed = Money(wide_int(a.open_cost) * closing / std::llabs(pos));
        const std::int64_t pos_sign = pos > 0 ? 1 : -1;
        a.realized_pnl += pos_sign * notional(price, Quantity{closing}) - removed;
        a.open_cost -= removed;
        a.position.raw += s * closing;
        remaining -= closing;
    }
    if (remaining > 0) {  // opening or increasing
        a.open_cost += s * notional(price, Quantity{remaining});
        a.position.raw += s * remaining;
    }
}

PositionView Portfolio::view(InstrumentId instrument) const noexcept {
    const InstrumentAccount& a = accounts_[instrument];
    return PositionView{a.position, a.open_cost, a.realized_pnl, a.fees};
}

}  // namespace trellis::host
