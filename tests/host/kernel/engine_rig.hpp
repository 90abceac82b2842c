#pragma once
// A small engine for kernel tests: one instrument (TEST, 2 price decimals),
// a scripted venue, a recording strategy and, when asked, a programmable risk
// rule and an alert sink — all test doubles from tests/support.

#include <gtest/gtest.h>

#include "fake_context.hpp"
#include "kernel/engine.hpp"
#include "plugin_doubles.hpp"
#include "util/logger.hpp"
#include "vector_source.hpp"

namespace trellis::host::kernel_testing {

struct Rig {
    enum class With { Nothing, RuleAndAlerts };

    MetricsRegistry metrics;
    Logger logger{LogLevel::Error};
    Engine engine;
    fakes::ScriptedVenue venue;
    fakes::RecordingStrategy strategy;
    fakes::ProgrammableRule rule;
    fakes::CollectingAlertSink alerts;

    explicit Rig(LatencyConfig latency = {}, With with = With::Nothing) : Rig(EngineOptions{latency}, with) {}
    explicit Rig(EngineOptions options, With with = With::Nothing)
        : engine({fakes::make_instrument(0, "TEST", 2, 0, 1, 1)}, {0}, std::move(options), metrics, logger) {
        engine.add_adapter("venue", venue);
        if (with == With::RuleAndAlerts) {
            engine.add_risk_rule("rule", rule);
            engine.add_alert_sink("alerts", alerts);
        }
        engine.add_strategy("strat", strategy);
    }
    void run(std::vector<MarketEvent> events) {
        ASSERT_TRUE(engine.start());
        fakes::VectorSource src(std::move(events));
        ASSERT_TRUE(engine.run(src));
    }
};

inline OrderRequest limit(Side side, std::int64_t px, std::int64_t qty) {
    OrderRequest r;
    r.instrument = 0;
    r.side = side;
    r.price = Price{px};
    r.qty = Quantity{qty};
    return r;
}

}  // namespace trellis::host::kernel_testing
