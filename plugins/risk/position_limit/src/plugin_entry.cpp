// The shared-library entry point: exports position_limit to the host.
#include <iterator>

#include "position_limit.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::PositionLimit, "position_limit", "1.0.0", trellis::risk::kPositionLimitParams)
