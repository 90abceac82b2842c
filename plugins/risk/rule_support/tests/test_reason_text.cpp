// ReasonText: fixed-point numbers printed exactly, without trailing zeros;
// doubles rounded; durations, sides and units; cut off (never overflowing) at
// the size of RiskDecision::reason.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "fake_context.hpp"
#include "risk_rule_support/reason_text.hpp"
#include "trellis/units.hpp"

using namespace trellis;
using trellis::risk::Decimal;
using trellis::risk::Millis;
using trellis::risk::ReasonText;
using trellis::risk::Rounded;

namespace {

std::string text(Decimal d) { return std::string((ReasonText{} << d).view()); }
std::string rounded(double value, int max_decimals) {
    return std::string((ReasonText{} << Rounded{value, max_decimals}).view());
}

TEST(ReasonText, PrintsFixedPointWithoutTrailingZeros) {
    EXPECT_EQ(text({15000, 4}), "1.5");  // 15000 × 10^-4
    EXPECT_EQ(text({100, 0}), "100");
    EXPECT_EQ(text({100, 2}), "1");
    EXPECT_EQ(text({5, 3}), "0.005");  // leading zeros of the fraction kept
    EXPECT_EQ(text({-5, 3}), "-0.005");
    EXPECT_EQ(text({-1500, 2}), "-15");
    EXPECT_EQ(text({0, 8}), "0");
    EXPECT_EQ(text({123456789, 8}), "1.23456789");
    EXPECT_EQ(text({15, 3}), "0.015");
    EXPECT_EQ(text({-3000, 3}), "-3");
    EXPECT_EQ(text({1050, 3}), "1.05");
    EXPECT_EQ(text({5, 2}), "0.05");
    EXPECT_EQ(text({1, 8}), "0.00000001");
    EXPECT_EQ(text({2200100, 4}), "220.01");
}

TEST(ReasonText, FixedPointMatchesTheSdksFormatFixed) {
    for (const std::int64_t raw : {0LL, 7LL, -7LL, 123456789LL, 1000000LL, -99999LL})
        for (const int d : {0, 2, 4, 8}) EXPECT_EQ(text({raw, d}), format_fixed(raw, d)) << raw << " " << d;
}

TEST(ReasonText, PrintsExtremes) {
    EXPECT_EQ(text({std::numeric_limits<std::int64_t>::min(), 0}), "-9223372036854775808");
    EXPECT_EQ(text({std::numeric_limits<std::int64_t>::max(), 19}), "0.9223372036854775807");
}

TEST(ReasonText, RoundsDoublesAndDropsTrailingZeros) {
    EXPECT_EQ(rounded(1250.5, 2), "1250.5");
    EXPECT_EQ(rounded(10.0, 2), "10");
    EXPECT_EQ(rounded(12.3456, 2), "12.35");
    EXPECT_EQ(rounded(-0.001, 2), "0");
    EXPECT_EQ(rounded(-3.5, 2), "-3.5");
}

TEST(ReasonText, JoinsTextAndIntegers) {
    ReasonText r;
    r << "qty " << std::int64_t{500} << " > max " << std::size_t{100} << " (" << -3 << ")";
    EXPECT_EQ(r.view(), "qty 500 > max 100 (-3)");
    const auto decision = r.reject();
    EXPECT_FALSE(decision.accept);
    EXPECT_EQ(decision.reason.view(), "qty 500 > max 100 (-3)");
}

TEST(ReasonText, MillisSidesAndInstrumentUnits) {
    const InstrumentSpec btc = fakes::make_instrument(1, "BTCUSDT", 2, 8, 1, 100000);
    ReasonText t;
    t << Millis{2'500'000'000} << " " << Side::Sell << " " << risk::in_units(Quantity{150000}, btc) << " @ "
      << risk::in_units(Price{6512345}, btc);
    EXPECT_EQ(t.view(), "2500 ms sell 0.0015 @ 65123.45");
}

TEST(ReasonText, CutsOffAtTheReasonSize) {
    ReasonText r;
    for (int i = 0; i < 40; ++i) r << "abcd";  // 160 characters offered
    EXPECT_EQ(r.view().size(), 127u);          // FixedText<128> minus its NUL
    EXPECT_EQ(r.reject().reason.view(), r.view());
    EXPECT_FALSE(r.reject().accept);
}

}  // namespace
