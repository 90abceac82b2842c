#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "marketdata/binary_reader.hpp"
#include "marketdata/convert.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

TEST(Convert, ReportsWhatItWrote) {
    ScratchDir dir;
    const std::string out = dir.path("btc.tev");
    auto report = convert(kBinance, out);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->input_format, DataFormat::Binance);
    EXPECT_EQ(report->rows, 500u);
    EXPECT_EQ(report->events, 500u);
    EXPECT_EQ(report->rejected_rows, 0u);
    ASSERT_EQ(report->instruments.size(), 1u);
    EXPECT_EQ(report->instruments[0].name(), "BTCUSDT");
    EXPECT_EQ(report->output_bytes, std::filesystem::file_size(out));
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"btc.tev"});  // no temporary left behind
    EXPECT_EQ(format_convert_text(*report), "converted " + kBinance + " (binance) → " + out +
                                                "\n  500 rows → 500 events, " + std::to_string(report->output_bytes) +
                                                " bytes\n  instruments: BTCUSDT (price decimals 8, qty decimals 8)\n");
}

TEST(Convert, AFailureLeavesNoOutputAndNoTemporary) {
    auto lines = read_lines(kLobsterMessages);
    lines[40'000] = "not,a,row";
    ScratchDir dir;
    dir.write("AMZN_2012-06-21_34200000_57600000_orderbook_1.csv", read_text(kLobsterOrderbook));
    const std::string in = dir.write("AMZN_2012-06-21_34200000_57600000_message_1.csv", join_lines(lines, "\n", false));
    const std::string out = dir.path("amzn.tev");

    auto failed = convert(in, out);
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().message,
              in + ":40001: expected 6 fields (Time,Type,OrderId,Size,Price,Direction), found 3");
    EXPECT_FALSE(std::filesystem::exists(out));
    auto entries = dir.entries();
    std::sort(entries.begin(), entries.end());
    EXPECT_EQ(entries, (std::vector<std::string>{"AMZN_2012-06-21_34200000_57600000_message_1.csv",
                                                 "AMZN_2012-06-21_34200000_57600000_orderbook_1.csv"}));

    // An existing output survives a failed conversion untouched.
    dir.write("amzn.tev", "previous contents");
    ASSERT_FALSE(convert(in, out).has_value());
    EXPECT_EQ(read_text(out), "previous contents");

    // In skip mode the same input converts, and says what it dropped.
    auto skipped = convert(in, out, ConvertOptions{.skip_bad_rows = true});
    ASSERT_TRUE(skipped.has_value()) << skipped.error().message;
    EXPECT_EQ(skipped->rejected_rows, 1u);
    EXPECT_TRUE(BinaryEventFile::open(out).has_value());
    EXPECT_NE(format_convert_text(*skipped).find("  skipped 1 malformed rows:\n    " + in + ":40001: "),
              std::string::npos);
}

TEST(Convert, RefusesToOverwriteItsInput) {
    ScratchDir dir;
    const std::string in = dir.write("BTCUSDT-bookTicker-x.csv", read_text(kBinance));
    auto refused = convert(in, in);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message, "refusing to convert " + in + " onto itself; choose another output path");
    EXPECT_EQ(read_text(in), read_text(kBinance));
}

TEST(Convert, UnwritableDestinationIsAClearError) {
    auto failed = convert(kBinance, "/nonexistent-dir/out.tev");
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().message,
              "cannot create a temporary file beside /nonexistent-dir/out.tev: No such file or directory");
}
