// The shared-library entry point: exports self-trade prevention to the host.
#include <iterator>

#include "self_trade_prevention.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::SelfTradePrevention, "self_trade_prevention", "1.0.0",
               trellis::risk::kSelfTradePreventionParams)
