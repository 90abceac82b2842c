#pragma once
// The simulated venue's settings, parsed from plugin parameters (see exchange_params.hpp).

#include <cstddef>

#include "fee_schedule.hpp"
#include "queue_position.hpp"

namespace trellis::simex {

struct ExchangeConfig {
    FeeSchedule fees;
    QueueModel queue_model = QueueModel::Auto;
    double queue_power = 2.0;                      ///< n in f(x) = x^n (probabilistic model)
    std::size_t max_open_orders = 4096;            ///< resting-order capacity
    std::size_t max_tracked_venue_orders = 65536;  ///< venue orders that joined behind us (exact model)
    std::size_t max_tracked_levels = 65536;        ///< price levels sized from L2/L3 data
};

}  // namespace trellis::simex
