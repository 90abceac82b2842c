#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "influx/batch_lines.hpp"

namespace trellis::host::influx {
namespace {

TEST(BatchLines, VisitsNonEmptyLinesWithoutTheirNewline) {
    std::vector<std::string> seen;
    for_each_line("a 1\n\nb 2\nc 3", [&](std::string_view line) { seen.emplace_back(line); });
    EXPECT_EQ(seen, (std::vector<std::string>{"a 1", "b 2", "c 3"}));
    EXPECT_EQ(count_lines("a 1\n\nb 2\nc 3"), 3u);
    EXPECT_EQ(count_lines(""), 0u);
}

TEST(BatchLines, MiddleBoundaryCutsBetweenWholeLinesNearTheMiddle) {
    // 4 lines of 4 bytes: the middle (8) is exactly a boundary.
    EXPECT_EQ(middle_line_boundary("aaa\nbbb\nccc\nddd\n"), 8u);
    // "a\nbbbbbbbbbb\nc\n": size 15, middle 7 falls inside the long line; the cuts are 2 and 13,
    // 13 - 7 = 6 > 7 - 2 = 5, so 2.
    EXPECT_EQ(middle_line_boundary("a\nbbbbbbbbbb\nc\n"), 2u);
    // Three lines "x\n": size 6, middle 3 -> cuts 2 (before) and 4 (after) are equally near; the later wins.
    EXPECT_EQ(middle_line_boundary("x\nx\nx\n"), 4u);
}

TEST(BatchLines, ASingleLineHasNoInnerBoundary) {
    EXPECT_EQ(middle_line_boundary("only one line\n"), std::string_view("only one line\n").size());
    EXPECT_EQ(middle_line_boundary("no newline"), std::string_view("no newline").size());
}

}  // namespace
}  // namespace trellis::host::influx

namespace trellis::host::influx {
namespace {
TEST(BatchLines, ANewlineInsideAStringFieldStaysInItsPoint) {
    const std::string_view batch = "m s=\"a\nb\" 1\nm s=\"c\nd\" 2\nm s=\"e\" 3\n";
    std::vector<std::string> seen;
    for_each_line(batch, [&](std::string_view line) { seen.emplace_back(line); });
    EXPECT_EQ(seen, (std::vector<std::string>{"m s=\"a\nb\" 1", "m s=\"c\nd\" 2", "m s=\"e\" 3"}));
    EXPECT_EQ(count_lines(batch), 3u);
    EXPECT_EQ(middle_line_boundary(batch), 12u);  // 34 bytes: the cut at 12 is nearer the middle (17) than 24
}
}  // namespace
}  // namespace trellis::host::influx
