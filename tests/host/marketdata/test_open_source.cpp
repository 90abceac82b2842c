#include <gtest/gtest.h>

#include "marketdata/open_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

TEST(OpenSource, TakesItsOptionsFromTheConfig) {
    SourceConfig config;
    config.path = kLobsterMessages;
    config.format = DataFormat::Lobster;
    config.symbol = "AMZN";
    config.orderbook = kLobsterOrderbook;
    config.date = "2012-06-21";
    config.skip_bad_rows = true;
    const SourceOptions options = SourceOptions::from_config(config);
    EXPECT_EQ(options.path, config.path);
    EXPECT_EQ(options.format, DataFormat::Lobster);
    EXPECT_EQ(options.symbol, "AMZN");
    EXPECT_EQ(options.orderbook, config.orderbook);
    EXPECT_EQ(options.date, "2012-06-21");
    EXPECT_TRUE(options.skip_bad_rows);

    InstrumentTable table;
    ASSERT_TRUE(table.add("MSFT", 4, 0, Price{100}, Quantity{1}).has_value());
    ASSERT_TRUE(table.add("AMZN", 4, 0, Price{100}, Quantity{1}).has_value());
    auto source = open_source(options, table);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    MarketEvent event;
    ASSERT_TRUE((*source)->next(event).value());
    EXPECT_EQ(event.instrument, 1);  // AMZN's id in the configured table
}

TEST(OpenSource, DetectsTheFormatWhenAskedTo) {
    for (const auto& [path, symbol] :
         {std::pair{kLobsterMessages, "AMZN"}, std::pair{kBinance, "BTCUSDT"}, std::pair{kCoinbase, "BTC-USD"}}) {
        InstrumentTable table(AutoAddPolicy{.enabled = true});
        const auto source = open_sample(path, table);
        ASSERT_NE(source, nullptr);
        MarketEvent event;
        ASSERT_TRUE(source->next(event).value());
        EXPECT_EQ(table.at(event.instrument).name(), symbol);
    }
}

TEST(OpenSource, AnExplicitFormatIsTrusted) {
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    SourceOptions options;
    options.path = kBinance;
    options.format = DataFormat::Coinbase;
    auto source = open_source(options, table);
    ASSERT_TRUE(source.has_value());
    MarketEvent event;
    auto read = (*source)->next(event);
    ASSERT_FALSE(read.has_value());
    EXPECT_TRUE(read.error().message.starts_with(kBinance + ":1: invalid JSON at column 1: ")) << read.error().message;
}
