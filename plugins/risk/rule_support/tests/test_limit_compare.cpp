// reaches(): an inclusive limit on doubles that tolerates binary rounding noise only.
#include <gtest/gtest.h>

#include "risk_rule_support/limit_compare.hpp"

using trellis::risk::reaches;

namespace {

TEST(LimitCompare, InclusiveWithRoundingNoiseOnly) {
    EXPECT_TRUE(reaches(1000.0, 1000.0));
    EXPECT_TRUE(reaches(1000.01, 1000.0));
    EXPECT_TRUE(reaches(999.9999999999991, 1000.0));  // binary noise of a decimal sum
    EXPECT_FALSE(reaches(999.99, 1000.0));
    EXPECT_FALSE(reaches(999.99999, 1000.0));  // 1e-8 relative below: a real difference
    EXPECT_TRUE(reaches(999.999999, 1000.0));  // 1e-9 relative below: within the tolerance
    EXPECT_TRUE(reaches(0.0, 0.0));
}

}  // namespace
