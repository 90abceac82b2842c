#pragma once
// For risk rule tests: the fixture most rules' tests share — a test context
// over two instruments of different scales, and the rule built from its
// schema's defaults with a test's parameters over them, started on it.

#include <gtest/gtest.h>

#include "fake_context.hpp"
#include "schema_defaults.hpp"
#include "trellis/params.hpp"
#include "trellis/types.hpp"

namespace trellis::risk::testing {

// AMZN: price_decimals 4 (220.00 = 2'200'000 raw), tick 100 raw, whole shares.
inline constexpr InstrumentId kAmzn = 0;
// BTC: price_decimals 2, qty_decimals 8, tick 1 raw, lot 1000 raw (0.00001 BTC).
inline constexpr InstrumentId kBtc = 1;

// `Rule` whose parameter schema is `kSchema` (the rule's k...Params array).
template <class Rule, const auto& kSchema>
class RuleTest : public ::testing::Test {
protected:
    fakes::FakeContext ctx{
        {fakes::make_instrument(kAmzn, "AMZN", 4, 0, 100, 1), fakes::make_instrument(kBtc, "BTC", 2, 8, 1, 1000)}};

    // The rule with the schema's defaults and `params` over them, started on ctx.
    Rule started(fakes::ParamOverrides params = {}) {
        return started_from(fakes::params_with_defaults(kSchema, params));
    }
    // The rule from `params` as given, started on ctx; a start() error fails the test and says why.
    Rule started_from(const Params& params) {
        Rule rule(params);
        const Status s = rule.start(ctx);
        EXPECT_TRUE(s) << s.message;
        return rule;
    }
};

}  // namespace trellis::risk::testing
