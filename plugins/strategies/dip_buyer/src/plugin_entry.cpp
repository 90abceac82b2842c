// The shared-library entry point: exports the dip buyer to the host.
#include <iterator>

#include "dip_buyer.hpp"
#include "dip_buyer_params.hpp"
#include "trellis/plugin.hpp"

TRELLIS_PLUGIN(trellis::dip_buyer::DipBuyer, "dip_buyer", "1.0.0", trellis::dip_buyer::kParams)
