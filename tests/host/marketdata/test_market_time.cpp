#include <gtest/gtest.h>

#include "marketdata/market_time.hpp"

using namespace trellis;
using namespace trellis::host;

TEST(MarketTime, ParsesDates) {
    EXPECT_EQ(parse_utc_date_ns("1970-01-01"), 0);
    EXPECT_EQ(parse_utc_date_ns("2012-06-21"), 1'340'236'800'000'000'000);
    EXPECT_EQ(parse_utc_date_ns("2012-02-30"), std::nullopt);
    EXPECT_EQ(parse_utc_date_ns("2012-6-21"), std::nullopt);
    EXPECT_EQ(parse_utc_date_ns("2012-06-21x"), std::nullopt);
}

TEST(MarketTime, ParsesCoinbaseTimes) {
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.835079Z"), 1'705'943'267'835'079'000);
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.835079123Z"), 1'705'943'267'835'079'123);
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47Z"), 1'705'943'267'000'000'000);
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.5+00:00"), 1'705'943'267'500'000'000);
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.8350791234Z"), std::nullopt);  // finer than 1 ns
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.835079"), std::nullopt);       // no zone
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T17:07:47.Z"), std::nullopt);
    EXPECT_EQ(parse_utc_time_ns("2024-01-22T24:00:00Z"), std::nullopt);
}

TEST(MarketTime, EasternOffsetFollowsUsDaylightSaving) {
    const auto offset_hours = [](const char* date) {
        return us_eastern_offset_ns(*parse_utc_date_ns(date)) / 3'600'000'000'000;
    };
    EXPECT_EQ(offset_hours("2012-06-21"), 4);
    EXPECT_EQ(offset_hours("2012-01-03"), 5);
    EXPECT_EQ(offset_hours("2012-03-10"), 5);  // DST began Sunday 2012-03-11
    EXPECT_EQ(offset_hours("2012-03-11"), 4);
    EXPECT_EQ(offset_hours("2012-11-02"), 4);  // and ended Sunday 2012-11-04
    EXPECT_EQ(offset_hours("2012-11-05"), 5);
    EXPECT_EQ(offset_hours("2005-04-01"), 5);  // old rule: first Sunday of April (2005-04-03)
    EXPECT_EQ(offset_hours("2005-04-04"), 4);
}

TEST(MarketTime, FormatsForPeople) {
    EXPECT_EQ(format_utc_ns(1'340'285'400'017'460'000), "2012-06-21 13:30:00.017460000 UTC");
    EXPECT_EQ(format_utc_ns(0), "1970-01-01 00:00:00.000000000 UTC");
    EXPECT_EQ(format_utc_ns(-1), "1969-12-31 23:59:59.999999999 UTC");
}
