#include <gtest/gtest.h>

#include "config/time_text.hpp"

using namespace trellis::host;

TEST(ParseDuration, AcceptsEveryUnitExactly) {
    EXPECT_EQ(parse_duration("100ns").value(), 100);
    EXPECT_EQ(parse_duration("250us").value(), 250'000);
    EXPECT_EQ(parse_duration("250\xC2\xB5s").value(), 250'000);
    EXPECT_EQ(parse_duration("1.5ms").value(), 1'500'000);
    EXPECT_EQ(parse_duration("2s").value(), 2'000'000'000);
    EXPECT_EQ(parse_duration("1m").value(), 60'000'000'000);
    EXPECT_EQ(parse_duration("0.5h").value(), 1'800'000'000'000);
    EXPECT_EQ(parse_duration("0.000000001s").value(), 1);
    EXPECT_EQ(parse_duration(" 3 ms ").value(), 3'000'000);
    EXPECT_EQ(parse_duration("-2us").value(), -2'000);
    EXPECT_EQ(parse_duration("-0.5us").value(), -500);
    EXPECT_EQ(parse_duration("0s").value(), 0);
    // Above 2^63 / 1e9 units: still exact because whole units are not scaled first.
    EXPECT_EQ(parse_duration("20000000000ns").value(), 20'000'000'000);
    EXPECT_EQ(parse_duration("100000h").value(), 360'000'000'000'000'000);
}

TEST(ParseDuration, RefusesWhatItCannotReadExactly) {
    EXPECT_EQ(parse_duration("250").error().message,
              "'250' has no unit (append one of ns, us, ms, s, m or h, e.g. \"250ms\")");
    EXPECT_EQ(parse_duration("5x").error().message, "'5x' has an unknown unit 'x' (use ns, us, ms, s, m or h)");
    EXPECT_EQ(parse_duration("ms").error().message,
              "'ms' does not start with a number (write e.g. \"250us\" or \"1.5ms\")");
    EXPECT_EQ(parse_duration("1.5ns").error().message,
              "'1.5ns' is not a whole number of nanoseconds (use a smaller unit)");
    EXPECT_FALSE(parse_duration("1.2.3ms").has_value());
    EXPECT_FALSE(parse_duration(".5ms").has_value());
    EXPECT_FALSE(parse_duration("1.ms").has_value());
    EXPECT_FALSE(parse_duration("").has_value());
    EXPECT_EQ(parse_duration("3000000h").error().message,
              "'3000000h' is too large for a duration (the limit is about 292 years)");
}

TEST(ParseTimestamp, ReadsRfc3339InUtc) {
    // 2012-06-21 is day 15512 since 1970-01-01; 09:30 is 34200 s into the day.
    constexpr std::int64_t kDay = 15512LL * 86400;
    EXPECT_EQ(parse_timestamp("2012-06-21T09:30:00Z").value(), (kDay + 34200) * 1'000'000'000);
    EXPECT_EQ(parse_timestamp("2012-06-21T11:30:00+02:00").value(), (kDay + 34200) * 1'000'000'000);
    EXPECT_EQ(parse_timestamp("2012-06-21 04:30:00.000000250-05:00").value(), (kDay + 34200) * 1'000'000'000 + 250);
    EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z").value(), 0);
}

TEST(ParseTimestamp, RefusesLocalTimesAndNonsense) {
    EXPECT_EQ(parse_timestamp("2012-06-21T09:30:00").error().message,
              "'2012-06-21T09:30:00' has no UTC offset (append Z for UTC, e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(parse_timestamp("yesterday").error().message,
              "'yesterday' is not an RFC 3339 date-time (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_FALSE(parse_timestamp("2012-06-21").has_value());
    EXPECT_FALSE(parse_timestamp("2012-02-30T00:00:00Z").has_value());
    EXPECT_FALSE(parse_timestamp("1 = 2").has_value());
}

TEST(ParseDate, ValidatesCalendarDates) {
    using namespace std::chrono;
    EXPECT_EQ(parse_date("2012-06-21").value(), sys_days{2012y / June / 21});
    EXPECT_EQ(parse_date("2012-02-29").value(), sys_days{2012y / February / 29});
    EXPECT_EQ(parse_date("2012-6-21").error().message,
              "'2012-6-21' is not a date (write the date as YYYY-MM-DD, e.g. 2012-06-21)");
    EXPECT_FALSE(parse_date("2013-02-29").has_value());
    EXPECT_FALSE(parse_date("2012-13-01").has_value());
    EXPECT_FALSE(parse_date("2012-06-21T09:30:00Z").has_value());
    EXPECT_FALSE(parse_date("21/06/2012").has_value());
}
