#include "simulated_exchange.hpp"

#include "exchange_params.hpp"

namespace trellis::simex {

SimulatedExchange::SimulatedExchange(const Params& params) : engine_(parse_exchange_config(params)) {}

}  // namespace trellis::simex
