// Line-protocol encoding checked against hand-written lines (InfluxDB 1.x escaping rules).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "telemetry/line_point_encoder.hpp"

namespace trellis::host::telemetry {
namespace {

std::string encode_one(const Point& point) {
    LinePointEncoder encoder;
    std::string out;
    const auto result = encoder.append(out, point);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return out;
}

std::string encode_float(double value) {
    const Field fields[] = {{"v", FieldValue::floating(value)}};
    return encode_one({"m", {}, fields, 1});
}

TEST(LinePointEncoder, WritesAllFieldTypesAndSortsTags) {
    const Tag tags[] = {{"region", "eu"}, {"host", "a"}};
    const Field fields[] = {{"value", FieldValue::floating(0.64)},
                            {"count", FieldValue::integer(42)},
                            {"ok", FieldValue::boolean(true)},
                            {"bad", FieldValue::boolean(false)},
                            {"note", FieldValue::string("hi")}};
    EXPECT_EQ(encode_one({"cpu", tags, fields, 1465839830100400200}),
              "cpu,host=a,region=eu value=0.64,count=42i,ok=true,bad=false,note=\"hi\" 1465839830100400200\n");
}

TEST(LinePointEncoder, WithoutTagsTheFieldsFollowTheMeasurement) {
    const Field fields[] = {{"x", FieldValue::integer(-7)}};
    EXPECT_EQ(encode_one({"m", {}, fields, -5}), "m x=-7i -5\n");
}

TEST(LinePointEncoder, MeasurementEscapesCommaAndSpaceOnly) {
    const Field fields[] = {{"f", FieldValue::integer(1)}};
    EXPECT_EQ(encode_one({"my meas,ure=x\"q\\b", {}, fields, 0}), "my\\ meas\\,ure=x\"q\\b f=1i 0\n");
}

TEST(LinePointEncoder, TagsAndFieldKeysEscapeCommaEqualsAndSpace) {
    const Tag tags[] = {{"ta g,=k", "v a,l=ue\"x\\y"}};
    const Field fields[] = {{"f i,e=ld\"", FieldValue::integer(1)}};
    EXPECT_EQ(encode_one({"m", tags, fields, 0}), "m,ta\\ g\\,\\=k=v\\ a\\,l\\=ue\"x\\y f\\ i\\,e\\=ld\"=1i 0\n");
}

TEST(LinePointEncoder, StringFieldEscapesQuoteAndBackslashOnly) {
    const Field fields[] = {{"s", FieldValue::string("say \"hi\" \\ a,b c=d\\")}};
    EXPECT_EQ(encode_one({"m", {}, fields, 0}), "m s=\"say \\\"hi\\\" \\\\ a,b c=d\\\\\" 0\n");
}

TEST(LinePointEncoder, EmptyStringFieldIsTwoQuotes) {
    const Field fields[] = {{"s", FieldValue::string("")}};
    EXPECT_EQ(encode_one({"m", {}, fields, 0}), "m s=\"\" 0\n");
}

TEST(LinePointEncoder, NonAsciiUtf8PassesThroughUnchanged) {
    const Tag tags[] = {{"città", "Zürich"}};
    const Field fields[] = {{"ключ", FieldValue::string("日本語 €")}};
    EXPECT_EQ(encode_one({"température", tags, fields, 3}), "température,città=Zürich ключ=\"日本語 €\" 3\n");
}

TEST(LinePointEncoder, TagsSortByUnsignedBytes) {
    // 'B' (0x42) < 'a' (0x61) < 'b' (0x62) < "é" (0xC3 0xA9): Go's bytes.Compare order.
    const Tag tags[] = {{"é", "4"}, {"b", "3"}, {"a", "2"}, {"B", "1"}};
    const Field fields[] = {{"f", FieldValue::boolean(true)}};
    EXPECT_EQ(encode_one({"m", tags, fields, 0}), "m,B=1,a=2,b=3,é=4 f=true 0\n");
}

TEST(LinePointEncoder, FloatsUseShortestRoundTripText) {
    EXPECT_EQ(encode_float(0.1), "m v=0.1 1\n");
    EXPECT_EQ(encode_float(1.0), "m v=1 1\n");
    EXPECT_EQ(encode_float(-0.0), "m v=-0 1\n");
    EXPECT_EQ(encode_float(123456789.125), "m v=123456789.125 1\n");
    EXPECT_EQ(encode_float(1e21), "m v=1e+21 1\n");
    EXPECT_EQ(encode_float(5e-324), "m v=5e-324 1\n");
    EXPECT_EQ(encode_float(-1.7976931348623157e308), "m v=-1.7976931348623157e+308 1\n");
}

TEST(LinePointEncoder, IntegerExtremes) {
    const Field fields[] = {{"lo", FieldValue::integer(std::numeric_limits<std::int64_t>::min())},
                            {"hi", FieldValue::integer(std::numeric_limits<std::int64_t>::max())}};
    EXPECT_EQ(encode_one({"m", {}, fields, 0}), "m lo=-9223372036854775808i,hi=9223372036854775807i 0\n");
}

TEST(LinePointEncoder, AppendsPointsOneAfterAnother) {
    LinePointEncoder encoder;
    std::string out = "old\n";
    const Field a[] = {{"f", FieldValue::integer(1)}};
    const Field b[] = {{"f", FieldValue::integer(2)}};
    ASSERT_TRUE(encoder.append(out, {"m", {}, a, 10}));
    ASSERT_TRUE(encoder.append(out, {"m", {}, b, 20}));
    EXPECT_EQ(out, "old\nm f=1i 10\nm f=2i 20\n");
}

// Each invalid point must fail with a message naming the problem and leave the buffer untouched.
void expect_rejected(const Point& point, std::string_view message_part) {
    LinePointEncoder encoder;
    std::string out = "kept\n";
    const auto result = encoder.append(out, point);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find(message_part), std::string::npos) << result.error().message;
    EXPECT_EQ(out, "kept\n");
}

TEST(LinePointEncoder, RejectsNewlinesOutsideStringFields) {
    const Field ok[] = {{"f", FieldValue::integer(1)}};
    const Tag newline_key[] = {{"a\nb", "v"}};
    const Tag newline_value[] = {{"k", "a\nb"}};
    const Field newline_field_key[] = {{"a\nb", FieldValue::integer(1)}};
    expect_rejected({"a\nb", {}, ok, 0}, "measurement contains a newline");
    expect_rejected({"m", newline_key, ok, 0}, "tag key contains a newline");
    expect_rejected({"m", newline_value, ok, 0}, "value of tag 'k' contains a newline");
    expect_rejected({"m", {}, newline_field_key, 0}, "field key contains a newline");
}

TEST(LinePointEncoder, KeepsANewlineInsideAStringField) {
    const Field fields[] = {{"s", FieldValue::string("a\nb")}};
    EXPECT_EQ(encode_one({"m", {}, fields, 1}), "m s=\"a\nb\" 1\n");
}

TEST(LinePointEncoder, RejectsNonFiniteFloats) {
    const double values[] = {std::nan(""), std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity()};
    for (const double value : values) {
        const Field fields[] = {{"good", FieldValue::integer(1)}, {"bad", FieldValue::floating(value)}};
        expect_rejected({"m", {}, fields, 0}, "field 'bad' is");
    }
}

TEST(LinePointEncoder, RejectsEmptyNamesAndMissingFields) {
    const Field ok[] = {{"f", FieldValue::integer(1)}};
    const Tag empty_key[] = {{"", "v"}};
    const Tag empty_value[] = {{"k", ""}};
    const Field empty_field_key[] = {{"", FieldValue::integer(1)}};
    expect_rejected({"", {}, ok, 0}, "measurement is empty");
    expect_rejected({"m", empty_key, ok, 0}, "tag key is empty");
    expect_rejected({"m", empty_value, ok, 0}, "value of tag 'k' is empty");
    expect_rejected({"m", {}, empty_field_key, 0}, "field key is empty");
    expect_rejected({"m", {}, {}, 0}, "has no field");
}

// A point with several problems is refused for the first in the documented order: measurement,
// tags, a missing field, field keys.
TEST(LinePointEncoder, SeveralProblemsReportTheFirstInOrder) {
    const Tag empty_value[] = {{"k", ""}};
    const Field empty_field_key[] = {{"", FieldValue::integer(1)}};
    expect_rejected({"", empty_value, {}, 0}, "measurement is empty");
    expect_rejected({"#m", empty_value, {}, 0}, "comment");
    expect_rejected({"m", empty_value, {}, 0}, "value of tag 'k' is empty");
    expect_rejected({"m", {}, {}, 0}, "has no field");
    expect_rejected({"m\n", {}, empty_field_key, 0}, "measurement contains a newline");
}

TEST(LinePointEncoder, RejectsCommentMeasurementAndDuplicateTags) {
    const Field ok[] = {{"f", FieldValue::integer(1)}};
    const Tag duplicate[] = {{"k", "1"}, {"j", "0"}, {"k", "2"}};
    expect_rejected({"#m", {}, ok, 0}, "comment");
    expect_rejected({"m", duplicate, ok, 0}, "tag key 'k' appears twice");
}

// 1.x reads a backslash before ',', ' ', '=' or '"' (or at the end) as an escape, in every position outside
// string fields, so such names cannot round-trip.
TEST(LinePointEncoder, RejectsBackslashesInfluxWouldReadAsEscapes) {
    const Field ok[] = {{"f", FieldValue::integer(1)}};
    const Tag trailing[] = {{"k", "v\\"}};
    const Tag before_comma[] = {{"k", "a\\,b"}};
    const Tag key_before_space[] = {{"a\\ b", "v"}};
    const Field field_key_before_equals[] = {{"a\\=b", FieldValue::integer(1)}};
    expect_rejected({"m\\", {}, ok, 0}, "measurement 'm\\' has a backslash at byte 1 at the end");
    expect_rejected({"a\\=b", {}, ok, 0}, "measurement 'a\\=b' has a backslash at byte 1 before");
    expect_rejected({"a\\\"b", {}, ok, 0}, "has a backslash at byte 1 before");
    expect_rejected({"a\\\\,b", {}, ok, 0}, "has a backslash at byte 2 before");
    expect_rejected({"m", trailing, ok, 0}, "value of tag 'k' 'v\\' has a backslash at byte 1 at the end");
    expect_rejected({"m", before_comma, ok, 0}, "value of tag 'k' 'a\\,b' has a backslash at byte 1");
    expect_rejected({"m", key_before_space, ok, 0}, "tag key 'a\\ b' has a backslash");
    expect_rejected({"m", {}, field_key_before_equals, 0}, "field key 'a\\=b' has a backslash");
}

TEST(LinePointEncoder, OtherBackslashesAreCopiedAsIs) {
    const Tag tags[] = {{"k\\\\x", "\\v\\\\w"}};
    const Field fields[] = {{"\\f", FieldValue::integer(1)}};
    EXPECT_EQ(encode_one({"m\\\\n", tags, fields, 0}), "m\\\\n,k\\\\x=\\v\\\\w \\f=1i 0\n");
}

}  // namespace
}  // namespace trellis::host::telemetry
