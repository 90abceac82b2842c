// trellis/units.hpp: human units to fixed-point raws exactly, or a message that
// says how to fix the value. Instruments as in the plugin tests:
// AMZN qty 0 decimals, lot 1 share; BTCUSDT qty 3 decimals, lot 0.01 BTC (10 raw).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "fake_context.hpp"
#include "trellis/units.hpp"

using namespace trellis;

namespace {

const InstrumentSpec kAmzn = fakes::make_instrument(0, "AMZN", 4, 0, 100, 1);
const InstrumentSpec kBtc = fakes::make_instrument(1, "BTCUSDT", 1, 3, 1, 10);

// The error of a conversion, or "ok <raw>" if it converted.
template <class T>
std::string verdict(const std::expected<T, std::string>& result) {
    if (!result) return result.error();
    if constexpr (std::is_same_v<T, Quantity>)
        return "ok " + std::to_string(result->raw);
    else
        return "ok " + std::to_string(*result);
}

}  // namespace

TEST(Units, FormatFixedPrintsPlainDecimalsWithoutTrailingZeros) {
    EXPECT_EQ(format_fixed(15, 3), "0.015");
    EXPECT_EQ(format_fixed(20, 3), "0.02");
    EXPECT_EQ(format_fixed(-3000, 3), "-3");
    EXPECT_EQ(format_fixed(-5, 2), "-0.05");
    EXPECT_EQ(format_fixed(100, 0), "100");
    EXPECT_EQ(format_fixed(0, 4), "0");
    // The most negative raw has no positive int64 counterpart; the magnitude is taken unsigned.
    EXPECT_EQ(format_fixed(std::numeric_limits<std::int64_t>::min(), 18), "-9.223372036854775808");
}

TEST(Units, FormatNumberWritesWhatAUserWouldType) {
    EXPECT_EQ(format_number(0.015), "0.015");
    EXPECT_EQ(format_number(100), "100");
    EXPECT_EQ(format_number(2.5e-5), "2.5e-05");
    EXPECT_EQ(format_number(-1.25), "-1.25");
}

TEST(Units, ToFixedPointIsExactOrRefuses) {
    EXPECT_EQ(verdict(to_fixed_point(0.1, 2)), "ok 10");
    EXPECT_EQ(verdict(to_fixed_point(-1.25, 2)), "ok -125");
    // 0.1 + 0.2 = 0.30000000000000004: binary noise within 1e-6 relative, still 3 tenths.
    EXPECT_EQ(verdict(to_fixed_point(0.1 + 0.2, 1)), "ok 3");
    EXPECT_EQ(verdict(to_fixed_point(0.015, 2)), "has more than 2 decimals");
    EXPECT_EQ(verdict(to_fixed_point(std::nan(""), 2)), "is not a finite number");
    EXPECT_EQ(verdict(to_fixed_point(1e17, 2)), "is too large for the fixed-point scale");  // 1e19 > 9e18
}

TEST(Units, QuantityFromUnitsUsesTheInstrumentScale) {
    EXPECT_EQ(verdict(quantity_from_units(0.5, kBtc, "params.max_inventory")), "ok 500");
    EXPECT_EQ(verdict(quantity_from_units(0, kBtc, "params.max_inventory")), "ok 0");
    EXPECT_EQ(verdict(quantity_from_units(500, kAmzn, "params.max_inventory")), "ok 500");
    EXPECT_EQ(verdict(quantity_from_units(0.0005, kBtc, "params.max_inventory")),
              "params.max_inventory = 0.0005 has more than 3 decimals (BTCUSDT quantities have 3 decimals)");
    EXPECT_EQ(verdict(quantity_from_units(-1, kAmzn, "params.max_inventory")),
              "params.max_inventory must not be negative");
}

TEST(Units, OrderQuantityMustBeAPositiveWholeNumberOfLots) {
    EXPECT_EQ(verdict(order_quantity_from_units(0.02, kBtc, "params.order_size")), "ok 20");
    EXPECT_EQ(verdict(order_quantity_from_units(100, kAmzn, "params.order_size")), "ok 100");
    // 15 raw with lot 10: below = 10, next = 20.
    EXPECT_EQ(verdict(order_quantity_from_units(0.015, kBtc, "params.order_size")),
              "params.order_size = 0.015 is not a whole number of BTCUSDT lots (lot size 0.01); "
              "use a multiple of 0.01, e.g. 0.01 or 0.02");
    // 5 raw: nothing valid below it, so only the next lot is suggested.
    EXPECT_EQ(verdict(order_quantity_from_units(0.005, kBtc, "params.order_size")),
              "params.order_size = 0.005 is not a whole number of BTCUSDT lots (lot size 0.01); "
              "use a multiple of 0.01, e.g. 0.01");
    EXPECT_EQ(verdict(order_quantity_from_units(0, kBtc, "params.order_size")), "params.order_size must be positive");
    EXPECT_EQ(verdict(order_quantity_from_units(0.0015, kBtc, "params.order_size")),
              "params.order_size = 0.0015 has more than 3 decimals (BTCUSDT quantities have 3 decimals)");
    // A lot size of 0 (unset) counts as 1 raw unit rather than dividing by zero.
    const InstrumentSpec no_lot = fakes::make_instrument(2, "NOLOT", 2, 3, 1, 0);
    EXPECT_EQ(verdict(order_quantity_from_units(0.001, no_lot, "params.order_size")), "ok 1");
}

TEST(Units, DurationFromSecondsRoundsToTheNearestNanosecond) {
    EXPECT_EQ(duration_from_seconds(2.5), 2'500'000'000);
    EXPECT_EQ(duration_from_seconds(0.1), 100'000'000);
    EXPECT_EQ(duration_from_seconds(1.4e-9), 1);
    EXPECT_EQ(duration_from_seconds(-0.000001), -1'000);
}

TEST(Units, ResolveInstrumentFindsTheSymbolOrListsTheKnownOnes) {
    const fakes::FakeContext fake{{kAmzn, kBtc}};
    const StrategyContext& ctx = fake;  // as a strategy sees it in start()
    const auto btc = resolve_instrument(ctx, "BTCUSDT");
    ASSERT_TRUE(btc.has_value()) << btc.error();
    EXPECT_EQ((*btc)->id, 1);

    const auto missing = resolve_instrument(ctx, "ETHUSDT");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error(),
              "symbol 'ETHUSDT' is not in the instrument table (known: AMZN, BTCUSDT); set params.symbol to one of "
              "them or add the instrument to the data source");

    const fakes::FakeContext empty;
    const auto none = resolve_instrument(static_cast<const StrategyContext&>(empty), "AMZN");
    ASSERT_FALSE(none.has_value());
    EXPECT_NE(none.error().find("(known: none)"), std::string::npos) << none.error();
}
