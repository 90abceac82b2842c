#pragma once
// Reduce-only gating for rules that stop risk-taking after a loss: while such
// a rule is breached, an order may still pass if it can only take the account
// toward flat in its instrument. Blocking those too would trap the account in
// the position that is losing money.
//
// "Can only reduce" counts the host's other live orders on the same side (in
// flight ones included), because they would fill against the same position:
// long 150 with a resting sell of 80 leaves room for a sell of at most 70. A
// replace takes its own old open quantity out of the resting total first and
// then counts its full new quantity: the intent does not say how much of the
// order has filled, so the check assumes none has (the stricter reading).

#include "risk_rule_support/reason_text.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk {

/// What the reduce-only test saw, for the verdict and its reason.
struct ReduceOnlyView {
    Quantity position;      ///< account position in the instrument (signed)
    Quantity resting;       ///< other live orders on the intent's side (the replaced order excluded)
    bool opposite = false;  ///< the intent's side is opposite the position (a sell against a long)
    bool reduces = false;   ///< the intent plus `resting` can at most flatten the position
};

/// Whether `intent` (with the resting orders on its side) can at most flatten the position.
ReduceOnlyView reduce_only_view(const RiskContext& ctx, const OrderIntent& intent) noexcept;

/// Passes an intent that reduces the position; otherwise rejects with
/// `why` (the breach) followed by why the order is not reduce-only, e.g.
/// "...; reduce-only: buy 100 would not reduce position 0" or
/// "...; reduce-only: sell 100 + 80 resting > position 150".
RiskDecision reduce_only(const RiskContext& ctx, const OrderIntent& intent, ReasonText why) noexcept;

}  // namespace trellis::risk
