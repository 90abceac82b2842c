#include <gtest/gtest.h>

#include "marketdata/us_eastern_time.hpp"
#include "util/time_text.hpp"

using namespace trellis;
using namespace trellis::host;

TEST(UsEasternTime, OffsetFollowsUsDaylightSaving) {
    const auto offset_hours = [](const char* date) {
        return us_eastern_offset_ns(parse_date(date).value()) / 3'600'000'000'000;
    };
    EXPECT_EQ(offset_hours("2012-06-21"), 4);
    EXPECT_EQ(offset_hours("2012-01-03"), 5);
    EXPECT_EQ(offset_hours("2012-03-10"), 5);  // DST began Sunday 2012-03-11
    EXPECT_EQ(offset_hours("2012-03-11"), 4);
    EXPECT_EQ(offset_hours("2012-11-02"), 4);  // and ended Sunday 2012-11-04
    EXPECT_EQ(offset_hours("2012-11-05"), 5);
    EXPECT_EQ(offset_hours("2005-04-01"), 5);  // old rule: first Sunday of April (2005-04-03)
    EXPECT_EQ(offset_hours("2005-04-04"), 4);
    EXPECT_EQ(offset_hours("2005-10-28"), 4);  // to the last Sunday of October (2005-10-30)
    EXPECT_EQ(offset_hours("2005-10-31"), 5);
}
