#include "daily_loss_limit.hpp"

#include <stdexcept>
#include <string>

#include "risk_rule_support/limit_compare.hpp"
#include "trellis/units.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "daily_loss_limit";
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'D', 'L'};

double read_max_loss(const Params& params) {
    const double max_loss = params.get_float("max_loss");
    if (!(max_loss > 0))
        throw std::invalid_argument(
            "daily_loss_limit: params.max_loss = " + format_number(max_loss) +
            " must be positive (quote currency); a limit of 0 would refuse every order from the first tick");
    return max_loss;
}

}  // namespace

DailyLossLimit::DailyLossLimit(const Params& params)
    : EquityLimitRule(kName, kSnapshotMagic, read_breach_level(params, kName)), max_loss_(read_max_loss(params)) {}

void DailyLossLimit::measure(const RiskContext& ctx, BreachLatch& latch) const noexcept {
    // Latched for the session: a recovery after the breach does not re-arm trading.
    if (latch.active()) return;
    const double peak = ctx.peak_equity();
    const double loss = peak - ctx.equity();
    if (reaches(loss, max_loss_)) latch.trip(loss, peak);
}

void DailyLossLimit::describe(const BreachLatch& latch, ReasonText& why) const noexcept {
    why << "session loss " << Rounded{latch.measured(), 2} << " >= max_loss " << Rounded{max_loss_, 2};
}

}  // namespace trellis::risk
