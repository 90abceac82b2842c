// The shared-library entry point: exports the market maker to the host.
#include <iterator>

#include "market_maker.hpp"
#include "market_maker_params.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::market_maker::MarketMaker, "market_maker", "1.0.0", trellis::market_maker::kParams)
