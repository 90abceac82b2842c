#include <gtest/gtest.h>

#include "influx/line_protocol_fields.hpp"
#include "influx/rejected_lines.hpp"

namespace trellis::host::influx {
namespace {

// The error texts below are what influxd 1.6 answers (seen in test_sender_influxd).

TEST(RejectedLines, QuotedUnparseableLinesAreRejected) {
    const std::string lines = "m v=1i 5\nbad line here\nm v=7i 6\nalso bad=\n";
    const std::string error =
        "partial write: unable to parse 'bad line here': invalid field format\n"
        "unable to parse 'also bad=': missing field value dropped=0";
    const auto split = split_rejected_lines(lines, error);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->rejected, "bad line here\nalso bad=\n");
    EXPECT_EQ(split->rejected_points, 2u);
    EXPECT_EQ(split->rest, "m v=1i 5\nm v=7i 6\n");
    EXPECT_EQ(split->rest_points, 2u);
}

TEST(RejectedLines, ALineThatIsAPrefixOfAQuotedLineIsNotRejected) {
    const auto split = split_rejected_lines("bad\nbad line\n", "unable to parse 'bad line': invalid field format");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->rejected, "bad line\n");
    EXPECT_EQ(split->rest, "bad\n");
}

TEST(RejectedLines, TypeConflictRejectsTheMeasurementsLinesWithTheOffendingType) {
    const std::string lines =
        "m v=1.5 2\n"          // float v on m: rejected
        "m v=3i 3\n"           // integer: fine
        "m,t=a w=1,v=2.5 4\n"  // float v among other fields: rejected
        "n v=2.5 5\n"          // other measurement: fine
        "m x=1.5 6\n";         // other field: fine
    const std::string error =
        "partial write: field type conflict: input field \"v\" on measurement \"m\" is type float, already exists "
        "as type integer dropped=2";
    const auto split = split_rejected_lines(lines, error);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->rejected, "m v=1.5 2\nm,t=a w=1,v=2.5 4\n");
    EXPECT_EQ(split->rejected_points, 2u);
    EXPECT_EQ(split->rest, "m v=3i 3\nn v=2.5 5\nm x=1.5 6\n");
}

TEST(RejectedLines, TypeConflictMatchesUnescapedNames) {
    const std::string lines = "my\\ meas,tag=x my\\,field=\"text, with space\" 1\nmy\\ meas my\\,field=1i 2\n";
    const std::string error =
        "field type conflict: input field \"my,field\" on measurement \"my meas\" is type string, already exists as "
        "type integer dropped=1";
    const auto split = split_rejected_lines(lines, error);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->rejected, "my\\ meas,tag=x my\\,field=\"text, with space\" 1\n");
    EXPECT_EQ(split->rest_points, 1u);
}

TEST(RejectedLines, AnErrorNamingNoLineIsNotUnderstood) {
    EXPECT_FALSE(split_rejected_lines("m v=1 1\n", "partial write: points beyond retention policy dropped=1"));
    EXPECT_FALSE(split_rejected_lines("m v=1 1\n", "unable to parse 'other line': invalid field format"));
    EXPECT_FALSE(split_rejected_lines("m v=1 1\n", "{not json at all"));
}

TEST(LineProtocolFields, ReadsEveryValueType) {
    const auto fields = read_line_fields("cpu,host=a f=1.5,i=-3i,u=4u,s=\"a \\\"b\\\" c\",b=true,F=F 123");
    ASSERT_TRUE(fields);
    EXPECT_EQ(fields->measurement, "cpu");
    const std::vector<std::pair<std::string, FieldType>> expected = {
        {"f", FieldType::Float},  {"i", FieldType::Integer}, {"u", FieldType::Unsigned},
        {"s", FieldType::String}, {"b", FieldType::Boolean}, {"F", FieldType::Boolean}};
    EXPECT_EQ(fields->fields, expected);
    EXPECT_FALSE(read_line_fields("no_fields_here"));
}

}  // namespace
}  // namespace trellis::host::influx
