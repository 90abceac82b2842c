// The shared-library entry point: exports the session loss limit to the host.
#include <iterator>

#include "daily_loss_limit.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::DailyLossLimit, "daily_loss_limit", "1.0.0", trellis::risk::kDailyLossLimitParams)
