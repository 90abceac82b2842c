// The shared-library entry point: exports the stale market-data guard to the host.
#include <iterator>

#include "stale_market_data.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::StaleMarketData, "stale_market_data", "1.0.0", trellis::risk::kStaleMarketDataParams)
