#include <gtest/gtest.h>

#include "marketdata/csv_data_lines.hpp"
#include "marketdata/line_reader.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

std::vector<std::string> all_lines(LineReader& reader) {
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.next(line).value()) lines.emplace_back(line);
    return lines;
}

}  // namespace

TEST(LineReader, HandlesLineEndingsBomAndMissingFinalNewline) {
    ScratchDir dir;
    auto reader = LineReader::open(dir.write("a.txt", "\xEF\xBB\xBFone\r\ntwo\n\nthree"));
    ASSERT_TRUE(reader.has_value());
    EXPECT_EQ(all_lines(*reader), (std::vector<std::string>{"one", "two", "", "three"}));
    EXPECT_EQ(reader->line_number(), 4u);
}

TEST(LineReader, LinesLongerThanTheBufferStillComeWhole) {
    ScratchDir dir;
    const std::string long_line(10'000, 'x');
    auto reader = LineReader::open(dir.write("b.txt", "a\n" + long_line + "\nb\n"), /*buffer_bytes=*/64);
    ASSERT_TRUE(reader.has_value());
    EXPECT_EQ(all_lines(*reader), (std::vector<std::string>{"a", long_line, "b"}));
}

TEST(LineReader, EmptyFileHasNoLines) {
    ScratchDir dir;
    auto reader = LineReader::open(dir.write("c.txt", ""));
    ASSERT_TRUE(reader.has_value());
    EXPECT_TRUE(all_lines(*reader).empty());
}

TEST(LineReader, MissingFileIsAnError) {
    auto reader = LineReader::open("/nonexistent/file.csv");
    ASSERT_FALSE(reader.has_value());
    EXPECT_EQ(reader.error().message, "cannot open /nonexistent/file.csv: No such file or directory (check the path)");
}

TEST(CsvDataLines, SkipsTheHeaderOnlyOnTheFirstLineAndBlankLines) {
    ScratchDir dir;
    auto reader = LineReader::open(dir.write("d.csv", "Time,Type\n1,2\n\n  \nHeader,Again\n3,4"));
    ASSERT_TRUE(reader.has_value());
    CsvDataLines lines(std::move(*reader));
    std::string_view line;
    ASSERT_TRUE(lines.next(line).value());
    EXPECT_EQ(line, "1,2");
    EXPECT_EQ(lines.line_number(), 2u);
    ASSERT_TRUE(lines.next(line).value());
    EXPECT_EQ(line, "Header,Again");  // not the first line: data (and then a bad row for the reader)
    EXPECT_EQ(lines.line_number(), 5u);
    ASSERT_TRUE(lines.next(line).value());
    EXPECT_EQ(line, "3,4");
    EXPECT_FALSE(lines.next(line).value());
}

TEST(SplitCsv, CountsAndTrimsFields) {
    std::array<std::string_view, 3> f;
    EXPECT_EQ(split_csv(" a, b ,c", f), 3u);
    EXPECT_EQ(f[0], "a");
    EXPECT_EQ(f[1], "b");
    EXPECT_EQ(f[2], "c");
    EXPECT_EQ(split_csv("1,2,3,4,5", f), 5u);
    EXPECT_EQ(split_csv("", f), 1u);
    EXPECT_EQ(split_csv("x,", f), 2u);
}
