// Every SDK header compiles on its own terms, and the value types behave.
#include <gtest/gtest.h>

#include "fake_context.hpp"
#include "trellis/alert_sink.hpp"
#include "trellis/exchange_adapter.hpp"
#include "trellis/risk_rule.hpp"
#include "trellis/strategy.hpp"

using namespace trellis;

TEST(Sdk, FixedPointArithmeticIsExact) {
    const Price p{2238200};  // 223.82 at 4 decimals
    const Quantity q{100};
    EXPECT_EQ(notional(p, q), 223820000);
    EXPECT_EQ((p + Price{100}).raw, 2238300);
    EXPECT_LT(Price{1}, Price{2});
    EXPECT_EQ(pow10(8), 100000000);
}

TEST(Sdk, FixedTextTruncatesSafely) {
    FixedText<8> t;
    t.assign("0123456789");
    EXPECT_EQ(t.view(), "0123456");
    RiskDecision d = RiskDecision::reject("too big");
    EXPECT_FALSE(d.accept);
    EXPECT_EQ(d.reason.view(), "too big");
}

TEST(Sdk, ParamsGetters) {
    Params p;
    p.set("n", std::int64_t{3});
    p.set("x", 0.5);
    p.set("s", std::string("AMZN"));
    p.set("n", std::int64_t{4});
    EXPECT_EQ(p.get_int("n"), 4);
    EXPECT_DOUBLE_EQ(p.get_float("n"), 4.0);
    EXPECT_DOUBLE_EQ(p.get_float("x"), 0.5);
    EXPECT_EQ(p.get_string("s"), "AMZN");
    EXPECT_EQ(p.find("missing"), nullptr);
}

TEST(Sdk, InstrumentDisplayConversions) {
    const auto spec = fakes::make_instrument(0, "AMZN", 4, 0, 100, 1);
    EXPECT_EQ(spec.name(), "AMZN");
    EXPECT_DOUBLE_EQ(spec.to_double(Price{2238200}), 223.82);
    EXPECT_DOUBLE_EQ(spec.money_to_double(223820000), 22382.0);
}
