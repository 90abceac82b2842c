// The shared-library entry point: exports max_open_orders to the host.
#include <iterator>

#include "max_open_orders.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::MaxOpenOrders, "max_open_orders", "1.0.0", trellis::risk::kMaxOpenOrdersParams)
