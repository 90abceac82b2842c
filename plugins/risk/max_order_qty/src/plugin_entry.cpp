// The shared-library entry point: exports max_order_qty to the host.
#include <iterator>

#include "max_order_qty.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::MaxOrderQty, "max_order_qty", "1.0.0", trellis::risk::kMaxOrderQtyParams)
