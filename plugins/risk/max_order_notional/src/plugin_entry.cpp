// The shared-library entry point: exports max_order_notional to the host.
#include <iterator>

#include "max_order_notional.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::MaxOrderNotional, "max_order_notional", "1.0.0", trellis::risk::kMaxOrderNotionalParams)
