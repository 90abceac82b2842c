#include "exchange_params.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace trellis::simex {

namespace {

const ParamSpec& spec_of(std::string_view key) {
    for (const auto& s : kParams)
        if (key == s.key) return s;
    throw std::logic_error("simulated_exchange: no parameter named " + std::string(key));
}

// The value of a numeric parameter, or its schema default; checked against the schema range
// because tests and tools may build Params without the host's validation.
double number(const Params& params, std::string_view key) {
    const ParamSpec& spec = spec_of(key);
    const ParamValue* v = params.find(key);
    double x = 0;
    if (!v)
        x = std::stod(spec.default_value);
    else if (const auto* d = std::get_if<double>(v))
        x = *d;
    else if (const auto* i = std::get_if<std::int64_t>(v))
        x = double(*i);
    else
        throw std::invalid_argument("simulated_exchange: parameter '" + std::string(key) + "' must be a number");
    if (!std::isfinite(x) || x < spec.min || x > spec.max)
        throw std::invalid_argument("simulated_exchange: parameter '" + std::string(key) + "' = " + std::to_string(x) +
                                    " is outside [" + std::to_string(spec.min) + ", " + std::to_string(spec.max) + "]");
    if (spec.type == ParamType::Int && x != std::floor(x))
        throw std::invalid_argument("simulated_exchange: parameter '" + std::string(key) + "' must be an integer");
    return x;
}

QueueModel queue_model(const Params& params) {
    const ParamValue* v = params.find("queue_model");
    const std::string name = v ? params.get_string("queue_model") : spec_of("queue_model").default_value;
    if (name == "auto") return QueueModel::Auto;
    if (name == "exact") return QueueModel::Exact;
    if (name == "probabilistic") return QueueModel::Probabilistic;
    throw std::invalid_argument("simulated_exchange: parameter 'queue_model' = '" + name +
                                "' is not one of: auto, exact, probabilistic");
}

}  // namespace

ExchangeConfig parse_exchange_config(const Params& params) {
    ExchangeConfig c;
    c.fees.maker = FeeRate::from_bps(number(params, "maker_fee_bps"));
    c.fees.taker = FeeRate::from_bps(number(params, "taker_fee_bps"));
    c.queue_model = queue_model(params);
    c.queue_power = number(params, "queue_power");
    c.max_open_orders = static_cast<std::size_t>(number(params, "max_open_orders"));
    c.max_tracked_venue_orders = static_cast<std::size_t>(number(params, "max_tracked_venue_orders"));
    c.max_tracked_levels = static_cast<std::size_t>(number(params, "max_tracked_levels"));
    return c;
}

}  // namespace trellis::simex
