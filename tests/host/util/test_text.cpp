#include <gtest/gtest.h>

#include <array>

#include "util/text.hpp"

using namespace trellis::host;

TEST(Text, TrimsSpacesAndTabsOnly) {
    EXPECT_EQ(trim_blanks(" \t 34200.5 \t"), "34200.5");
    EXPECT_EQ(trim_blanks("a b"), "a b");
    EXPECT_EQ(trim_blanks("\n"), "\n");  // a line terminator is not a blank: readers strip it first
    EXPECT_EQ(trim_blanks("   "), "");
    static_assert(trim_blanks("  x ") == "x");
}

TEST(Text, QuotesJoinsAndPrintsNumbers) {
    EXPECT_EQ(quoted("lobstr"), "'lobstr'");
    EXPECT_EQ(quoted(""), "''");
    const std::array<std::string_view, 3> words{"fail", "skip", "warn"};
    EXPECT_EQ(join(words), "fail, skip, warn");
    EXPECT_EQ(join(std::span<const std::string_view>{}), "");
    EXPECT_EQ(format_number(0.01), "0.01");
    EXPECT_EQ(format_number(-0.2), "-0.2");
    EXPECT_EQ(format_number(1e300), "1e+300");
}
