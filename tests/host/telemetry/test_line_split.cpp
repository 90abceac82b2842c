// Splitting a batch into points the way InfluxDB 1.x does: newlines inside
// quoted string fields stay inside their point.
#include <gtest/gtest.h>

#include "telemetry/line_point_encoder.hpp"
#include "telemetry/line_split.hpp"

namespace trellis::host::telemetry {
namespace {

using Lines = std::vector<std::string_view>;

TEST(LineSplit, PlainLines) {
    EXPECT_EQ(split_lines("a x=1i 1\nb y=2i 2\n"), (Lines{"a x=1i 1\n", "b y=2i 2\n"}));
    EXPECT_EQ(split_lines("a x=1i 1"), (Lines{"a x=1i 1"}));
    EXPECT_EQ(split_lines(""), Lines{});
}

TEST(LineSplit, NewlineInsideAStringFieldDoesNotEndThePoint) {
    EXPECT_EQ(split_lines("m s=\"a\nb\",t=\"x\" 1\nm s=\"c\" 2\n"),
              (Lines{"m s=\"a\nb\",t=\"x\" 1\n", "m s=\"c\" 2\n"}));
}

TEST(LineSplit, QuotesInNamesAndEscapedQuotesInStringsDoNotToggle) {
    // A quote in a tag value is literal; an escaped quote inside a string does not close it.
    EXPECT_EQ(split_lines("m,t=a\"b s=\"x\\\"\ny\" 1\nn v=1 2\n"), (Lines{"m,t=a\"b s=\"x\\\"\ny\" 1\n", "n v=1 2\n"}));
}

TEST(LineSplit, AgreesWithTheEncoderOnHostilePoints) {
    LinePointEncoder encoder;
    std::string batch;
    const Tag tags[] = {{"k =,\"", "v =,\"ü"}};
    const Field fields[] = {{"s", FieldValue::string("say \"hi\"\n\\ a=b,c \n")}, {"n", FieldValue::integer(3)}};
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(encoder.append(batch, {"me as,ure", tags, fields, i}));
    const Lines lines = split_lines(batch);
    ASSERT_EQ(lines.size(), 3u);
    std::string again;
    for (auto l : lines) again.append(l);
    EXPECT_EQ(again, batch);
    EXPECT_EQ(std::string(lines[0]), std::string(lines[1].substr(0, lines[1].size() - 2)) + "0\n");
}

}  // namespace
}  // namespace trellis::host::telemetry
