#include <gtest/gtest.h>

#include "marketdata/binance_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

Result<std::unique_ptr<BinanceSource>> open_binance(const std::string& path, InstrumentTable& table,
                                                    bool skip = false) {
    SourceOptions options;
    options.path = path;
    options.skip_bad_rows = skip;
    return BinanceSource::open(options, table);
}

InstrumentTable btc_table(int price_decimals, int qty_decimals) {
    InstrumentTable table;
    EXPECT_TRUE(table.add("BTCUSDT", price_decimals, qty_decimals, Price{1}, Quantity{1}).has_value());
    return table;
}

}  // namespace

TEST(BinanceSource, ReadsEveryRowAsAQuote) {
    // At the dump's own precision: prices to 0.1, quantities to 0.001.
    InstrumentTable table = btc_table(1, 3);
    auto source = open_binance(kBinance, table);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    const auto events = drain(**source);
    ASSERT_EQ(events.size(), 500u);
    for (const MarketEvent& e : events) EXPECT_EQ(e.type, MarketEventType::Quote);

    // 3319366863672,27981.30000000,12.91100000,27981.40000000,7.25800000,1696204800012,1696204800018
    const MarketEvent& first = events.front();
    EXPECT_EQ(first.ts, 1'696'204'800'012'000'000);
    EXPECT_EQ(first.recv_ts, 1'696'204'800'018'000'000);
    EXPECT_EQ(first.instrument, 0);
    EXPECT_EQ(first.quote.bid.raw, 279'813);
    EXPECT_EQ(first.quote.bid_qty.raw, 12'911);
    EXPECT_EQ(first.quote.ask.raw, 279'814);
    EXPECT_EQ(first.quote.ask_qty.raw, 7'258);

    // 3319368933001,27978.00000000,3.07300000,27978.10000000,8.61500000,1696204805763,1696204808327
    const MarketEvent& last = events.back();
    EXPECT_EQ(last.ts, 1'696'204'805'763'000'000);
    EXPECT_EQ(last.recv_ts, 1'696'204'808'327'000'000);
    EXPECT_EQ(last.quote.bid.raw, 279'780);
    EXPECT_EQ(last.quote.bid_qty.raw, 3'073);
    EXPECT_EQ(last.quote.ask.raw, 279'781);
    EXPECT_EQ(last.quote.ask_qty.raw, 8'615);

    const SourceStats& stats = (*source)->stats();
    EXPECT_EQ(stats.rows, 500u);
    EXPECT_EQ(stats.events, 500u);
    EXPECT_EQ(stats.rejected_rows, 0u);
}

TEST(BinanceSource, DefaultScaleIsEightDecimals) {
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    auto source = open_binance(kBinance, table);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    ASSERT_EQ(table.size(), 1u);
    EXPECT_EQ(table.at(0).name(), "BTCUSDT");  // from the file name
    EXPECT_EQ(table.at(0).price_decimals, 8);
    EXPECT_EQ(table.at(0).qty_decimals, 8);
    MarketEvent event;
    ASSERT_TRUE((*source)->next(event).value());
    EXPECT_EQ(event.quote.bid.raw, 2'798'130'000'000);
    EXPECT_EQ(event.quote.ask_qty.raw, 725'800'000);
}

TEST(BinanceSource, RefusesATooPrecisePriceWithItsLine) {
    auto lines = read_lines(kBinance);
    lines[3] = "3319366863800,27981.35000000,12.91100000,27981.40000000,5.82900000,1696204800013,1696204800018";
    ScratchDir dir;
    const std::string path = dir.write("BTCUSDT-bookTicker-2023-10-02.csv", join_lines(lines, "\n", true));

    InstrumentTable table = btc_table(1, 3);
    auto strict = open_binance(path, table);
    ASSERT_TRUE(strict.has_value());
    MarketEvent event;
    ASSERT_TRUE((*strict)->next(event).value());
    ASSERT_TRUE((*strict)->next(event).value());
    auto bad = (*strict)->next(event);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message, path +
                                       ":4: best_bid_price '27981.35000000' has more than 1 decimals (the "
                                       "instrument's price_decimals); refusing to round");

    auto skipping = open_binance(path, table, /*skip=*/true);
    ASSERT_TRUE(skipping.has_value());
    EXPECT_EQ(drain(**skipping).size(), 499u);
    EXPECT_EQ((*skipping)->stats().rejected_rows, 1u);
    EXPECT_EQ((*skipping)->stats().rows, 500u);
}

TEST(BinanceSource, WithoutHeaderOrFinalNewlineGivesTheSameQuotes) {
    InstrumentTable table = btc_table(1, 3);
    auto reference_source = open_binance(kBinance, table);
    ASSERT_TRUE(reference_source.has_value());
    const auto reference = drain(**reference_source);

    auto lines = read_lines(kBinance);
    lines.erase(lines.begin());
    ScratchDir dir;
    const std::string path = dir.write("BTCUSDT-bookTicker-x.csv", join_lines(lines, "\r\n", false));
    auto source = open_binance(path, table);
    ASSERT_TRUE(source.has_value());
    expect_same_events(drain(**source), reference);
}

TEST(BinanceSource, ExplainsMalformedRows) {
    ScratchDir dir;
    const std::string path = dir.write("BTCUSDT-bookTicker-bad.csv",
                                       "1,27981.3,12.911,27981.4,7.258,1696204800012\n"
                                       "2,27981.3,12.911,27981.4,7.258,1696204800012,169620480001x\n"
                                       "3,27981.3,-1,27981.4,7.258,1696204800012,1696204800018\n"
                                       "4,27981.3,12.911,27981.4,7.258,1696204800012,1696204800018\n");
    InstrumentTable table = btc_table(1, 3);
    auto source = open_binance(path, table, /*skip=*/true);
    ASSERT_TRUE(source.has_value());
    EXPECT_EQ(drain(**source).size(), 1u);
    const SourceStats& stats = (*source)->stats();
    ASSERT_EQ(stats.first_rejections.size(), 3u);
    EXPECT_EQ(stats.first_rejections[0],
              path +
                  ":1: expected 7 fields (update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,"
                  "transaction_time,event_time), found 6");
    EXPECT_EQ(stats.first_rejections[1],
              path + ":2: event_time '169620480001x' is not a time in milliseconds since the epoch");
    EXPECT_EQ(stats.first_rejections[2], path + ":3: best_bid_qty '-1' is negative");
}
