// The shared-library entry point: exports the duplicate-order guard to the host.
#include <iterator>

#include "duplicate_order_guard.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::risk::DuplicateOrderGuard, "duplicate_order_guard", "1.0.0",
               trellis::risk::kDuplicateOrderGuardParams)
