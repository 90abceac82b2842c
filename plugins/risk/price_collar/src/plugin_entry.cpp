// The shared-library entry point: exports price_collar to the host.
#include <iterator>

#include "price_collar.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::PriceCollar, "price_collar", "1.0.0", trellis::risk::kPriceCollarParams)
