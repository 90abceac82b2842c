#include <gtest/gtest.h>

#include "util/decimal.hpp"

using namespace trellis::host;

TEST(Decimal, ParsesExactlyAtScale) {
    EXPECT_EQ(parse_decimal("27981.30000000", 1).value(), 279813);
    EXPECT_EQ(parse_decimal("0.00100000", 3).value(), 1);
    EXPECT_EQ(parse_decimal("-12.5", 2).value(), -1250);
    EXPECT_EQ(parse_decimal("7", 4).value(), 70000);
    EXPECT_EQ(parse_decimal("+3.", 1).value(), 30);
}

TEST(Decimal, RefusesLossOfPrecision) { EXPECT_EQ(parse_decimal("1.25", 1).error(), DecimalError::TooPrecise); }

TEST(Decimal, RefusesGarbage) {
    EXPECT_EQ(parse_decimal("", 2).error(), DecimalError::Empty);
    EXPECT_EQ(parse_decimal("-", 2).error(), DecimalError::Empty);
    EXPECT_EQ(parse_decimal("1,5", 2).error(), DecimalError::BadCharacter);
    EXPECT_EQ(parse_decimal("1e5", 2).error(), DecimalError::BadCharacter);
    EXPECT_EQ(parse_decimal("99999999999999999999", 0).error(), DecimalError::Overflow);
    EXPECT_EQ(parse_integer("1.0").error(), DecimalError::BadCharacter);
}

TEST(Decimal, FormatsRoundTrip) {
    char buf[32];
    EXPECT_EQ(format_decimal(279813, 1, buf), "27981.3");
    EXPECT_EQ(format_decimal(-5, 2, buf), "-0.05");
    EXPECT_EQ(format_decimal(0, 0, buf), "0");
    EXPECT_EQ(format_decimal(1250, 2, buf), "12.50");
}

TEST(Decimal, FromDouble) {
    EXPECT_EQ(decimal_from_double(0.01, 4).value(), 100);
    EXPECT_EQ(decimal_from_double(0.1, 1).value(), 1);
    EXPECT_EQ(decimal_from_double(0.015, 2).error(), DecimalError::TooPrecise);
}
