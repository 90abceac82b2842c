#pragma once
// For risk rule tests: a rule built from its params and started on a test
// context, the first step of nearly every test.

#include <gtest/gtest.h>

#include <memory>

#include "trellis/params.hpp"
#include "trellis/risk_rule.hpp"

namespace trellis::risk::testing {

// `Rule` built from `params` and started on `ctx`; a start() error fails the test (and says why).
template <class Rule>
std::unique_ptr<Rule> started_rule(RiskContext& ctx, const Params& params) {
    auto rule = std::make_unique<Rule>(params);
    const Status s = rule->start(ctx);
    EXPECT_TRUE(s) << s.message;
    return rule;
}

}  // namespace trellis::risk::testing
