// The shared-library entry point: exports the drawdown limit to the host.
#include <iterator>

#include "drawdown_limit.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::DrawdownLimit, "drawdown_limit", "1.0.0", trellis::risk::kDrawdownLimitParams)
