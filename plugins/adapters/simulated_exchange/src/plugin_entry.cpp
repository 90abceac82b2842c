// The library's exported entry point (only in the .so; tests link the logic directly).

#include "exchange_params.hpp"
#include "simulated_exchange.hpp"
#include "trellis/plugin.hpp"

using trellis::simex::kParams;
using trellis::simex::SimulatedExchange;

TRELLIS_PLUGIN(SimulatedExchange, "simulated_exchange", "1.0.0", kParams)
