#include <gtest/gtest.h>

#include "marketdata/file_name_hints.hpp"
#include "marketdata/instrument_table.hpp"

using namespace trellis;
using namespace trellis::host;

TEST(InstrumentTable, IdsAreDenseFromZero) {
    InstrumentTable table;
    EXPECT_EQ(table.add("AMZN", 4, 0, Price{100}, Quantity{1}).value(), 0);
    EXPECT_EQ(table.add("BTCUSDT", 1, 3, Price{1}, Quantity{1}).value(), 1);
    EXPECT_EQ(table.find("BTCUSDT")->id, 1);
    EXPECT_EQ(table.at(1).qty_decimals, 3);
    EXPECT_EQ(table.find("MSFT"), nullptr);
}

TEST(InstrumentTable, RefusesBadEntries) {
    InstrumentTable table;
    ASSERT_TRUE(table.add("AMZN", 4, 0, Price{100}, Quantity{1}).has_value());
    EXPECT_EQ(table.add("AMZN", 4, 0, Price{100}, Quantity{1}).error().message, "instrument 'AMZN' is defined twice");
    EXPECT_EQ(table.add("", 4, 0, Price{1}, Quantity{1}).error().message, "instrument symbol is empty");
    EXPECT_EQ(table.add("X", 19, 0, Price{1}, Quantity{1}).error().message,
              "instrument 'X': price and quantity decimals must be between 0 and 18");
    EXPECT_EQ(table.add("X", 2, 0, Price{0}, Quantity{1}).error().message,
              "instrument 'X': tick and lot size must be positive");
    EXPECT_EQ(table.add("A-VERY-LONG-SYMBOL-NAME-X", 2, 0, Price{1}, Quantity{1}).error().message,
              "instrument symbol 'A-VERY-LONG-SYMBOL-NAME-X' is longer than 23 bytes");
}

TEST(InstrumentTable, AddsOnFirstSightOnlyWhenAllowed) {
    InstrumentTable strict;
    EXPECT_FALSE(strict.resolve("AMZN", kLobsterDefaults).has_value());

    InstrumentTable tools(AutoAddPolicy{.enabled = true});
    EXPECT_EQ(tools.resolve("AMZN", kLobsterDefaults).value(), 0);
    EXPECT_EQ(tools.resolve("AMZN", kLobsterDefaults).value(), 0);
    EXPECT_EQ(tools.at(0).price_decimals, 4);
    EXPECT_EQ(tools.at(0).tick_size.raw, 100);

    // Overridden scale: the one-cent tick stays one cent.
    InstrumentTable cents(AutoAddPolicy{.enabled = true, .price_decimals = 2, .qty_decimals = 3});
    ASSERT_TRUE(cents.resolve("AMZN", kLobsterDefaults).has_value());
    EXPECT_EQ(cents.at(0).price_decimals, 2);
    EXPECT_EQ(cents.at(0).qty_decimals, 3);
    EXPECT_EQ(cents.at(0).tick_size.raw, 1);
    EXPECT_EQ(cents.at(0).lot_size.raw, 1000);
}

TEST(InstrumentTable, FromConfigNamesTheConfigLocation) {
    std::vector<InstrumentConfig> config(2);
    config[0].symbol = "AMZN";
    config[0].price_decimals = 4;
    config[1].symbol = "AMZN";
    config[1].where = ConfigLocation{"demo.toml", 12, 1, "instruments[1]"};
    auto table = InstrumentTable::from_config(config);
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().message, "demo.toml:12: instruments[1]: instrument 'AMZN' is defined twice");
    config.pop_back();
    EXPECT_EQ(InstrumentTable::from_config(config).value().size(), 1u);
}

TEST(FileNameHints, ReadVendorNames) {
    const std::string lobster = "/data/AMZN_2012-06-21_34200000_57600000_message_1.csv";
    EXPECT_EQ(lobster_symbol_from_name(lobster), "AMZN");
    EXPECT_EQ(lobster_date_from_name(lobster), "2012-06-21");
    EXPECT_EQ(lobster_orderbook_path(lobster).value(), "/data/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
    EXPECT_EQ(lobster_orderbook_path("/message/AMZN_x_message_1.csv").value(), "/message/AMZN_x_orderbook_1.csv");
    EXPECT_FALSE(lobster_orderbook_path("/message/plain.csv").has_value());
    EXPECT_EQ(binance_symbol_from_name("/x/BTCUSDT-bookTicker-2023-10-02.csv"), "BTCUSDT");
    EXPECT_EQ(binance_symbol_from_name("nodash.csv"), "");
}
