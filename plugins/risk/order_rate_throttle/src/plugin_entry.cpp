// The shared-library entry point: exports order_rate_throttle to the host.
#include <iterator>

#include "order_rate_throttle.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::OrderRateThrottle, "order_rate_throttle", "1.0.0",
               trellis::risk::kOrderRateThrottleParams)
