#include "drawdown_limit.hpp"

#include <stdexcept>
#include <string>

#include "risk_rule_support/limit_compare.hpp"
#include "trellis/units.hpp"

namespace trellis::risk {

namespace {

constexpr std::string_view kName = "drawdown_limit";
constexpr SnapshotMagic kSnapshotMagic{'T', 'R', 'D', 'D'};

double read_max_drawdown_pct(const Params& params) {
    const double pct = params.get_float("max_drawdown_pct");
    if (!(pct > 0 && pct <= 100))
        throw std::invalid_argument("drawdown_limit: params.max_drawdown_pct = " + format_number(pct) +
                                    " must be in (0, 100] (percent of the equity peak, e.g. 5 for 5%)");
    return pct;
}

}  // namespace

DrawdownLimit::DrawdownLimit(const Params& params)
    : EquityLimitRule(kName, kSnapshotMagic, read_breach_level(params, kName)),
      max_drawdown_pct_(read_max_drawdown_pct(params)),
      reset_on_new_peak_(params.get_bool("reset_on_new_peak")) {}

void DrawdownLimit::measure(const RiskContext& ctx, BreachLatch& latch) const noexcept {
    const double peak = ctx.peak_equity();
    // A new peak means equity rose strictly above the one it fell from; the
    // host's peak only moves when that happens.
    if (latch.active() && reset_on_new_peak_ && peak > latch.peak()) latch.clear();
    // A drawdown is a share of a positive peak; an account that never had
    // positive equity has nothing to draw down from (daily_loss_limit guards it).
    if (latch.active() || !(peak > 0)) return;
    // × 100 before ÷ peak: whole-number percentages of round amounts stay exact.
    const double drawdown_pct = (peak - ctx.equity()) * 100.0 / peak;
    if (reaches(drawdown_pct, max_drawdown_pct_)) latch.trip(drawdown_pct, peak);
}

void DrawdownLimit::describe(const BreachLatch& latch, ReasonText& why) const noexcept {
    why << "drawdown " << Rounded{latch.measured(), 2} << "% from peak " << Rounded{latch.peak(), 2} << " >= max "
        << Rounded{max_drawdown_pct_, 4} << "%";
}

}  // namespace trellis::risk
