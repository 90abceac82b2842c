#include <gtest/gtest.h>

#include "marketdata/format_detection.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

TEST(FormatDetection, RecognisesTheSamples) {
    EXPECT_EQ(detect_format(kLobsterMessages).value(), DataFormat::Lobster);
    EXPECT_EQ(detect_format(kBinance).value(), DataFormat::Binance);
    EXPECT_EQ(detect_format(kCoinbase).value(), DataFormat::Coinbase);
}

TEST(FormatDetection, RecognisesRowsWithoutHeaderOrTellingName) {
    ScratchDir dir;
    EXPECT_EQ(detect_format(dir.write("a.csv", "34200.01746,5,0,1,2238200,-1\r\n")).value(), DataFormat::Lobster);
    EXPECT_EQ(
        detect_format(dir.write("b.csv", "3319366863672,27981.3,12.911,27981.4,7.258,1696204800012,1696204800018"))
            .value(),
        DataFormat::Binance);
    EXPECT_EQ(detect_format(dir.write("c.txt", "\n{\"type\":\"snapshot\"}\n")).value(), DataFormat::Coinbase);
    EXPECT_EQ(detect_format(dir.write("d", std::string("TRLSEVT\0rest-of-header", 22))).value(), DataFormat::Binary);
}

TEST(FormatDetection, FallsBackOnTheFileName) {
    ScratchDir dir;
    EXPECT_EQ(detect_format(dir.write("feed.jsonl", "garbage")).value(), DataFormat::Coinbase);
    EXPECT_EQ(detect_format(dir.write("ETHUSDT-bookTicker-2023.csv", "garbage")).value(), DataFormat::Binance);
    EXPECT_EQ(detect_format(dir.write("damaged.tev", "garbage")).value(), DataFormat::Binary);
}

TEST(FormatDetection, ExplainsWhatItCannotTell) {
    ScratchDir dir;
    const std::string orderbook = dir.write("x.csv", "2239500,100,2231800,100\n");
    EXPECT_EQ(detect_format(orderbook).error().message,
              orderbook +
                  " looks like a LOBSTER orderbook file; pass the message file (…_message_…) instead, the "
                  "orderbook file is found beside it");
    const std::string empty = dir.write("empty.csv", "\n\n");
    EXPECT_EQ(detect_format(empty).error().message, empty + " is empty; there is no market data to read");
    const std::string unknown = dir.write("what.csv", "hello,world\n");
    EXPECT_EQ(
        detect_format(unknown).error().message,
        "cannot tell the format of " + unknown +
            " from its first line 'hello,world'; give the format explicitly (lobster, binance, coinbase or binary)");
    EXPECT_EQ(detect_format(dir.path("missing.csv")).error().message,
              "cannot open " + dir.path("missing.csv") + ": No such file or directory (check the path)");
}

TEST(FormatDetection, NamesRoundTripAndTyposGetAHint) {
    for (const DataFormat f :
         {DataFormat::Auto, DataFormat::Lobster, DataFormat::Binance, DataFormat::Coinbase, DataFormat::Binary})
        EXPECT_EQ(parse_format_name(to_string(f)).value(), f);
    EXPECT_EQ(to_string(DataFormat::Coinbase), "coinbase");
    EXPECT_EQ(parse_format_name("lobstr").error().message,
              "unknown data format 'lobstr' (did you mean 'lobster'?); expected one of auto, lobster, binance, "
              "coinbase, binary");
}

TEST(FormatDetection, ResolveTrustsAnExplicitFormatAndDetectsAuto) {
    EXPECT_EQ(resolve_format("/nonexistent.csv", DataFormat::Binance).value(), DataFormat::Binance);  // not opened
    EXPECT_EQ(resolve_format(kCoinbase, DataFormat::Auto).value(), DataFormat::Coinbase);
    EXPECT_FALSE(resolve_format("/nonexistent.csv", DataFormat::Auto).has_value());
}
