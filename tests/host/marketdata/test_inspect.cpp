#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "marketdata/convert.hpp"
#include "marketdata/inspect.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

TEST(Inspect, DescribesTheLobsterSample) {
    auto report = inspect(kLobsterMessages);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->format, DataFormat::Lobster);
    EXPECT_EQ(report->rows, 57'515u);
    EXPECT_EQ(report->events, 112'586u);
    EXPECT_EQ(report->events_by_type[std::size_t(MarketEventType::Quote)], 55'071u);
    EXPECT_EQ(report->first_ts, 1'340'285'400'017'460'000);
    EXPECT_EQ(report->last_ts, 1'340'308'799'959'360'000);
    EXPECT_EQ(report->out_of_order, 0u);
    EXPECT_EQ(report->instruments, std::vector<std::string>{"AMZN"});
    ASSERT_TRUE(report->first_bid && report->first_ask && report->last_bid && report->last_ask);
    EXPECT_EQ(report->first_bid->price.raw, 2'231'800);
    EXPECT_EQ(report->first_bid->price_text(), "223.1800");
    EXPECT_EQ(report->first_bid->qty_text(), "100");
    EXPECT_EQ(report->first_ask->price_text(), "223.9500");
    EXPECT_EQ(report->last_bid->price_text(), "220.5100");
    EXPECT_EQ(report->last_bid->qty_text(), "249");
    EXPECT_EQ(report->last_ask->price_text(), "220.6400");
    EXPECT_EQ(report->rejected_rows, 0u);

    const std::string text = format_inspect_text(*report);
    EXPECT_NE(text.find("format       lobster\n"), std::string::npos) << text;
    EXPECT_NE(text.find("events       112,586  (quote 55,071, trade 11,419, order add 27,845, order reduce 16, "
                        "order delete 18,235)\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("first event  2012-06-21 13:30:00.017460000 UTC\n"), std::string::npos) << text;
    EXPECT_NE(text.find("first bid    223.1800 x 100  (AMZN, 2012-06-21 13:30:00.017460000 UTC)\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("(span 6h 29m 59.942s)"), std::string::npos) << text;
}

TEST(Inspect, JsonHasExactlyTheAgreedKeys) {
    auto report = inspect(kBinance);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    const auto j = nlohmann::json::parse(format_inspect_json(*report));
    std::vector<std::string> keys;
    for (const auto& [key, value] : j.items()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys, (std::vector<std::string>{"events", "first_ask", "first_bid", "first_ts_ns", "format",
                                              "instruments", "last_ask", "last_bid", "last_ts_ns", "rejected_rows"}));
    EXPECT_EQ(j["format"], "binance");
    EXPECT_EQ(j["events"], 500);
    EXPECT_EQ(j["first_ts_ns"], 1'696'204'800'012'000'000);
    EXPECT_EQ(j["last_ts_ns"], 1'696'204'805'763'000'000);
    EXPECT_EQ(j["instruments"], nlohmann::json::array({"BTCUSDT"}));
    EXPECT_EQ(j["first_bid"], 27981.3);
    EXPECT_EQ(j["first_ask"], 27981.4);
    EXPECT_EQ(j["last_bid"], 27978.0);
    EXPECT_EQ(j["last_ask"], 27978.1);
    EXPECT_EQ(j["rejected_rows"], 0);
    // Printed as the shortest exact decimal, not 27981.300000000003.
    EXPECT_NE(format_inspect_json(*report).find("\"first_bid\": 27981.3,"), std::string::npos);
}

TEST(Inspect, CoinbaseQuotesComeFromTheDerivedBook) {
    auto report = inspect(kCoinbase);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->format, DataFormat::Coinbase);
    EXPECT_EQ(report->events, 27'609u + 8'880u + 95u);
    EXPECT_EQ(report->rows, 123u);
    EXPECT_EQ(report->instruments, std::vector<std::string>{"BTC-USD"});
    EXPECT_EQ(report->first_bid->price_text(), "40464.01000000");
    EXPECT_EQ(report->first_ask->price_text(), "40464.02000000");
    EXPECT_EQ(report->last_bid->price_text(), "40459.59000000");
    EXPECT_EQ(report->last_ask->price_text(), "40465.32000000");
    EXPECT_EQ(report->last_ask->qty_text(), "0.02000000");
}

TEST(Inspect, CountsBadRowsInsteadOfStopping) {
    auto lines = read_lines(kBinance);
    lines[10] = "oops";
    lines[20] = "1,2,3";
    ScratchDir dir;
    const std::string path = dir.write("BTCUSDT-bookTicker-bad.csv", join_lines(lines, "\n", true));
    auto report = inspect(path);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->events, 498u);
    EXPECT_EQ(report->rejected_rows, 2u);
    ASSERT_EQ(report->first_rejections.size(), 2u);
    EXPECT_TRUE(report->first_rejections[0].starts_with(path + ":11: expected 7 fields"));
    EXPECT_EQ(nlohmann::json::parse(format_inspect_json(*report))["rejected_rows"], 2);
    EXPECT_NE(format_inspect_text(*report).find("rejected     2 rows\n  " + path + ":11: "), std::string::npos);
}

TEST(Inspect, ScaleOverridesApply) {
    ToolOptions options;
    options.price_decimals = 2;
    options.qty_decimals = 3;
    auto report = inspect(kBinance, options);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->first_bid->price.raw, 2'798'130);
    EXPECT_EQ(report->first_bid->price_text(), "27981.30");
    EXPECT_EQ(report->first_bid->qty_text(), "12.911");
}

TEST(Inspect, BinaryFileReportsLikeItsSource) {
    ScratchDir dir;
    ASSERT_TRUE(convert(kLobsterMessages, dir.path("amzn.tev")).has_value());
    auto text = inspect(kLobsterMessages);
    auto binary = inspect(dir.path("amzn.tev"));
    ASSERT_TRUE(text.has_value() && binary.has_value());
    EXPECT_EQ(binary->format, DataFormat::Binary);
    EXPECT_EQ(binary->events, text->events);
    EXPECT_EQ(binary->first_ts, text->first_ts);
    EXPECT_EQ(binary->last_ts, text->last_ts);
    EXPECT_EQ(binary->instruments, text->instruments);
    EXPECT_EQ(binary->last_ask->price_text(), text->last_ask->price_text());
}

TEST(Inspect, EmptyBinaryFileHasNullPrices) {
    ScratchDir dir;
    const std::string path =
        dir.write("BTCUSDT-bookTicker-empty.csv",
                  "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n");
    auto report = inspect(path, ToolOptions{.format = DataFormat::Binance});
    ASSERT_TRUE(report.has_value()) << report.error().message;
    const auto j = nlohmann::json::parse(format_inspect_json(*report));
    EXPECT_EQ(j["events"], 0);
    EXPECT_TRUE(j["first_ts_ns"].is_null());
    EXPECT_TRUE(j["first_bid"].is_null());
    EXPECT_TRUE(j["last_ask"].is_null());
}
