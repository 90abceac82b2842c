#include <gtest/gtest.h>

#include "util/time_text.hpp"

using namespace trellis;
using namespace trellis::host;

namespace {
// 2012-06-21 is day 15512 since 1970-01-01 (42 years, 10 of them leap, then
// 172 days into 2012: 42 * 365 + 10 + 172 = 15512); 09:30 is 34200 s into the day.
constexpr Timestamp kJune21 = 15512LL * 86400 * 1'000'000'000;
constexpr Timestamp k0930 = 34200LL * 1'000'000'000;
}  // namespace

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
    EXPECT_EQ(parse_timestamp("2012-06-21T09:30:00Z").value(), kJune21 + k0930);
    EXPECT_EQ(parse_timestamp("2012-06-21t09:30:00z").value(), kJune21 + k0930);
    EXPECT_EQ(parse_timestamp("2012-06-21T11:30:00+02:00").value(), kJune21 + k0930);
    EXPECT_EQ(parse_timestamp("2012-06-21 04:30:00.000000250-05:00").value(), kJune21 + k0930 + 250);
    // Midnight at +14:30 is 09:30 UTC the day before.
    EXPECT_EQ(parse_timestamp("2012-06-22T00:00:00+14:30").value(), kJune21 + k0930);
    EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z").value(), 0);
    EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59.999999999Z").value(), -1);
}

TEST(ParseTimestamp, ReadsCoinbaseMessageTimes) {
    // 2024-01-22 is day 19744: 1'705'881'600 s; 17:07:47 adds 61'667 s.
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47.835079Z").value(), 1'705'943'267'835'079'000);
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47.835079123Z").value(), 1'705'943'267'835'079'123);
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47Z").value(), 1'705'943'267'000'000'000);
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47.5+00:00").value(), 1'705'943'267'500'000'000);
    // Zeros beyond the nanosecond lose nothing; other digits would be rounded.
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47.8350791230Z").value(), 1'705'943'267'835'079'123);
    EXPECT_EQ(parse_timestamp("2024-01-22T17:07:47.8350791234Z").error().message,
              "'2024-01-22T17:07:47.8350791234Z' is finer than a nanosecond (at most 9 decimals in the seconds)");
}

TEST(ParseTimestamp, RefusesLocalTimesAndNonsense) {
    EXPECT_EQ(parse_timestamp("2012-06-21T09:30:00").error().message,
              "'2012-06-21T09:30:00' has no UTC offset (append Z for UTC, e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(parse_timestamp("yesterday").error().message,
              "'yesterday' is not an RFC 3339 date-time (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(parse_timestamp("2012-02-30T00:00:00Z").error().message,
              "'2012-02-30T00:00:00Z' is not a valid calendar date (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(parse_timestamp("2024-01-22T24:00:00Z").error().message,
              "'2024-01-22T24:00:00Z' is not a valid time of day (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(parse_timestamp("1600-01-01T00:00:00Z").error().message,
              "'1600-01-01T00:00:00Z' is outside the years 1678..2261 (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_FALSE(parse_timestamp("2012-06-21").has_value());
    EXPECT_FALSE(parse_timestamp("2024-01-22T17:07:47.Z").has_value());
    EXPECT_FALSE(parse_timestamp("2024-01-22T17:07:47+0000").has_value());
    EXPECT_FALSE(parse_timestamp("2024-01-22T17:07:47+24:00").has_value());
    EXPECT_FALSE(parse_timestamp("2024-01-22T17:07:47Z ").has_value());
    EXPECT_FALSE(parse_timestamp("2024-01-22X17:07:47Z").has_value());
    EXPECT_FALSE(parse_timestamp("1 = 2").has_value());
}

TEST(ParseDate, ValidatesCalendarDates) {
    using namespace std::chrono;
    EXPECT_EQ(parse_date("2012-06-21").value(), sys_days{2012y / June / 21});
    EXPECT_EQ(parse_date("2012-02-29").value(), sys_days{2012y / February / 29});
    EXPECT_EQ(parse_date("2012-6-21").error().message,
              "'2012-6-21' is not a date (write the date as YYYY-MM-DD, e.g. 2012-06-21)");
    EXPECT_EQ(parse_date("2013-02-29").error().message,
              "'2013-02-29' is not a valid calendar date (write the date as YYYY-MM-DD, e.g. 2012-06-21)");
    EXPECT_EQ(parse_date("2262-06-21").error().message,
              "'2262-06-21' is outside the years 1678..2261 (write the date as YYYY-MM-DD, e.g. 2012-06-21)");
    EXPECT_FALSE(parse_date("2012-13-01").has_value());
    EXPECT_FALSE(parse_date("2012-06-21T09:30:00Z").has_value());
    EXPECT_FALSE(parse_date("2012-06-21x").has_value());
    EXPECT_FALSE(parse_date("21/06/2012").has_value());
}

TEST(CivilTime, ConvertsFieldsToUtc) {
    EXPECT_EQ(
        utc_ns(CivilTime{.year = 2012, .month = 6, .day = 21, .hour = 11, .minute = 30, .offset_minutes = 120}).value(),
        kJune21 + k0930);
    // A leap second counts as the start of the next minute.
    EXPECT_EQ(utc_ns(CivilTime{.year = 2016, .month = 12, .day = 31, .hour = 23, .minute = 59, .second = 60}).value(),
              utc_ns(CivilTime{.year = 2017, .month = 1, .day = 1}).value());
    EXPECT_EQ(utc_ns(CivilTime{.year = 2012, .month = 6, .day = 31}).error().message, "is not a valid calendar date");
    EXPECT_EQ(midnight_utc_ns(civil_day(2012, 6, 21).value()), kJune21);
    EXPECT_EQ(civil_day(1677, 12, 31).error().message, "is outside the years 1678..2261");
    // The range's ends still fit int64 nanoseconds, even at the widest offsets.
    EXPECT_TRUE(utc_ns(CivilTime{.year = 1678, .month = 1, .day = 1, .offset_minutes = 23 * 60 + 59}).has_value());
    EXPECT_TRUE(utc_ns(CivilTime{.year = 2261,
                                 .month = 12,
                                 .day = 31,
                                 .hour = 23,
                                 .minute = 59,
                                 .second = 59,
                                 .nanosecond = 999'999'999,
                                 .offset_minutes = -(23 * 60 + 59)})
                    .has_value());
}

TEST(FormatTime, WritesForPeople) {
    EXPECT_EQ(format_utc_ns(1'340'285'400'017'460'000), "2012-06-21 13:30:00.017460000 UTC");
    EXPECT_EQ(format_utc_ns(0), "1970-01-01 00:00:00.000000000 UTC");
    EXPECT_EQ(format_utc_ns(-1), "1969-12-31 23:59:59.999999999 UTC");
    EXPECT_EQ(format_date(parse_date("2012-02-29").value()), "2012-02-29");
    EXPECT_EQ(format_date(std::chrono::sys_days{}), "1970-01-01");
}
