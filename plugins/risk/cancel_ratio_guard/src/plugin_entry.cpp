// The shared-library entry point: exports cancel_ratio_guard to the host.
#include <iterator>

#include "cancel_ratio_guard.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::CancelRatioGuard, "cancel_ratio_guard", "1.0.0", trellis::risk::kCancelRatioGuardParams)
