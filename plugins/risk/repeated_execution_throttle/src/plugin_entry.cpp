// The shared-library entry point: exports the repeated-execution throttle to the host.
#include <iterator>

#include "repeated_execution_throttle.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::RepeatedExecutionThrottle, "repeated_execution_throttle", "1.0.0",
               trellis::risk::kRepeatedExecutionThrottleParams)
