// Loading valid files: every field of the full example, defaults of the
// minimal one, path resolution, and the failures that stop before the schema
// (missing file, TOML syntax).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/config_loader.hpp"
#include "config_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

const std::string kSource = TRELLIS_SOURCE_DIR;
const std::string kDataDir = kSource + "/tests/host/config/data";
const std::string kFullToml = kDataDir + "/full.toml";

// (days since epoch × 86400 + seconds of day) × 1e9.
constexpr Timestamp kJune21 = 15512LL * 86400;
constexpr Timestamp at_seconds(std::int64_t s) { return (kJune21 + s) * 1'000'000'000; }

const RawParam& find_param(const PluginConfig& p, std::string_view key) {
    static const RawParam kNone{};
    for (const auto& raw : p.params)
        if (raw.key == key) return raw;
    ADD_FAILURE() << "no param " << key;
    return kNone;
}

template <class T>
T param(const PluginConfig& p, std::string_view key) {
    const auto* value = std::get_if<T>(&find_param(p, key).value);
    EXPECT_NE(value, nullptr) << key << " has another type";
    return value ? *value : T{};
}

}  // namespace

TEST(LoadConfig, FullFileHasEveryFieldChecked) {
    const auto loaded = load_config(kFullToml);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    const HostConfig& c = *loaded;

    EXPECT_EQ(c.file, kFullToml);
    EXPECT_EQ(c.host_id, "demo");
    // Relative to the config file's directory, not to the working directory.
    EXPECT_EQ(c.plugin_paths, (std::vector<std::string>{kSource + "/build/plugins", "/opt/trellis/plugins"}));

    ASSERT_EQ(c.instruments.size(), 2u);
    const auto& amzn = c.instruments[0];
    EXPECT_EQ(amzn.symbol, "AMZN");
    EXPECT_EQ(amzn.price_decimals, 4);
    EXPECT_EQ(amzn.qty_decimals, 0);
    EXPECT_EQ(amzn.tick_size.raw, 100);  // 0.01 at 4 decimals
    EXPECT_EQ(amzn.lot_size.raw, 1);
    EXPECT_EQ(amzn.venue, "sim");
    EXPECT_EQ(amzn.where.to_string(), kFullToml + ":8:1: instruments[0]");
    const auto& btc = c.instruments[1];
    EXPECT_EQ(btc.symbol, "BTCUSDT");
    EXPECT_EQ(btc.price_decimals, 1);
    EXPECT_EQ(btc.qty_decimals, 3);
    EXPECT_EQ(btc.tick_size.raw, 1);  // "0.1" at 1 decimal
    EXPECT_EQ(btc.lot_size.raw, 2);   // 0.002 at 3 decimals
    EXPECT_EQ(btc.where.line, 16u);

    ASSERT_EQ(c.adapters.size(), 2u);
    EXPECT_EQ(c.adapters[0].name, "sim");
    EXPECT_EQ(c.adapters[0].plugin, "simulated_exchange");
    EXPECT_TRUE(c.adapters[0].enabled);
    ASSERT_EQ(c.adapters[0].params.size(), 1u);
    EXPECT_EQ(c.adapters[0].params[0].key, "queue_position");
    EXPECT_EQ(std::get<bool>(c.adapters[0].params[0].value), true);
    EXPECT_EQ(c.adapters[0].where.to_string(), kFullToml + ":24:1: adapters[0]");
    EXPECT_EQ(c.adapters[1].name, "replay");
    EXPECT_EQ(c.adapters[1].plugin, kDataDir + "/plugins/replay.so");
    EXPECT_FALSE(c.adapters[1].enabled);
    EXPECT_TRUE(c.adapters[1].params.empty());

    ASSERT_EQ(c.strategies.size(), 2u);
    const auto& mm = c.strategies[0];
    EXPECT_EQ(mm.name, "mm");
    EXPECT_EQ(mm.plugin, "market_maker");
    ASSERT_EQ(mm.params.size(), 4u);
    EXPECT_EQ(param<std::int64_t>(mm, "spread_ticks"), 3);
    EXPECT_EQ(param<double>(mm, "size"), 0.5);
    EXPECT_EQ(param<bool>(mm, "quote_both"), true);
    EXPECT_EQ(param<std::string>(mm, "symbol"), "AMZN");
    EXPECT_EQ(find_param(mm, "spread_ticks").where, kFullToml + ":39:16: strategies[0].params.spread_ticks");
    EXPECT_EQ(c.strategies[1].plugin, kSource + "/tests/host/config/scripts/momentum.lua");

    ASSERT_EQ(c.risk_rules.size(), 1u);
    EXPECT_EQ(c.risk_rules[0].name, "max_position");
    EXPECT_EQ(param<std::int64_t>(c.risk_rules[0], "limit"), 100);
    EXPECT_EQ(find_param(c.risk_rules[0], "limit").where, kFullToml + ":53:9: risk.rules[0].params.limit");

    const BacktestConfig& b = c.backtest;
    EXPECT_TRUE(b.present);
    EXPECT_EQ(b.seed, 42u);
    EXPECT_EQ(b.start, at_seconds(9 * 3600 + 30 * 60));
    EXPECT_EQ(b.end, at_seconds(16 * 3600) + 500'000'000);
    EXPECT_EQ(b.initial_cash, 100000.0);
    EXPECT_EQ(b.equity_interval, 250'000'000);
    EXPECT_EQ(b.latency.market_data, 50'000);
    EXPECT_EQ(b.latency.order_entry, 100'000);
    EXPECT_EQ(b.latency.order_response, 1'500'000);
    EXPECT_EQ(b.fees.maker_bps, -0.2);
    EXPECT_EQ(b.fees.taker_bps, 0.3);

    ASSERT_EQ(b.sources.size(), 2u);
    const auto& lobster = b.sources[0];
    EXPECT_EQ(lobster.path, kSource + "/data/samples/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv");
    EXPECT_EQ(lobster.format, DataFormat::Lobster);
    EXPECT_EQ(lobster.symbol, "AMZN");
    EXPECT_EQ(lobster.orderbook, kSource + "/data/samples/lobster/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
    EXPECT_EQ(lobster.date, "2012-06-21");
    EXPECT_TRUE(lobster.skip_bad_rows);
    EXPECT_EQ(lobster.where.to_string(), kFullToml + ":71:1: backtest.sources[0]");
    const auto& binance = b.sources[1];
    EXPECT_EQ(binance.path, kSource + "/data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv");
    EXPECT_EQ(binance.format, DataFormat::Auto);
    EXPECT_EQ(binance.symbol, "BTCUSDT");
    EXPECT_EQ(binance.orderbook, "");
    EXPECT_EQ(binance.date, "");
    EXPECT_FALSE(binance.skip_bad_rows);
}

TEST(LoadConfig, MinimalFileGetsDefaults) {
    const auto loaded = load_config(kDataDir + "/minimal.toml");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(loaded->host_id, "trellis");
    EXPECT_TRUE(loaded->plugin_paths.empty());
    EXPECT_EQ(loaded->instruments[0].tick_size.raw, 100);  // 1 at 2 decimals
    EXPECT_EQ(loaded->instruments[0].venue, "");
    EXPECT_TRUE(loaded->adapters[0].enabled);
    EXPECT_TRUE(loaded->strategies.empty());
    EXPECT_TRUE(loaded->risk_rules.empty());
    const BacktestConfig& b = loaded->backtest;
    EXPECT_FALSE(b.present);
    EXPECT_TRUE(b.sources.empty());
    EXPECT_FALSE(b.start.has_value());
    EXPECT_FALSE(b.end.has_value());
    EXPECT_EQ(b.seed, 0u);
    EXPECT_EQ(b.initial_cash, 0.0);
    EXPECT_EQ(b.equity_interval, 1'000'000'000);
    EXPECT_EQ(b.latency.market_data, 0);
    EXPECT_EQ(b.fees.taker_bps, 0.0);
}

TEST(LoadConfig, BacktestDefaultsWhenTableIsPresent) {
    const std::string text = std::string(kValidHead) +
                             "[backtest]\n"
                             "[[backtest.sources]]\n"
                             "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"
                             "date = 2012-06-21\n";
    const auto loaded = parse_inline(text);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_TRUE(loaded->backtest.present);
    EXPECT_EQ(loaded->backtest.equity_interval, 1'000'000'000);
    EXPECT_EQ(loaded->backtest.sources[0].date, "2012-06-21");  // a TOML date works like the string
    EXPECT_EQ(loaded->backtest.sources[0].path,
              kSource + "/data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv");
}

TEST(LoadConfig, RelativePathsResolveAgainstTheConfigDirectory) {
    // The same relative source path is valid from data/ and invalid from data/samples/.
    const std::string text = std::string(kValidHead) +
                             "[backtest]\n"
                             "[[backtest.sources]]\n"
                             "path = \"samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n";
    const auto from_data = parse_config(text, kSource + "/data/some.toml");
    ASSERT_TRUE(from_data.has_value()) << from_data.error().message;
    EXPECT_EQ(from_data->backtest.sources[0].path,
              kSource + "/data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv");

    const auto from_samples = parse_config(text, kSource + "/data/samples/some.toml");
    ASSERT_FALSE(from_samples.has_value());
    EXPECT_EQ(from_samples.error().message,
              kSource + "/data/samples/some.toml:12:8: backtest.sources[0].path: file not found: " + kSource +
                  "/data/samples/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv (relative paths resolve "
                  "against the config file's directory; fix the path)");
}

TEST(LoadConfig, MissingFileSaysSo) {
    const auto loaded = load_config(kDataDir + "/no_such.toml");
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().message.rfind(kDataDir + "/no_such.toml: config file not found (check the path", 0), 0u)
        << loaded.error().message;
}

TEST(LoadConfig, DirectoryIsNotAConfig) {
    const auto loaded = load_config(kDataDir);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().message, kDataDir + ": is a directory, not a config file (give the path of a .toml file)");
}

TEST(LoadConfig, SyntaxErrorNamesFileLineAndColumn) {
    const std::string text = "[host]\nid = \"demo\"\nid = \"again\"\n";
    const auto loaded = parse_inline(text);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().message,
              at(3, 6) + "syntax error: Error while parsing key-value pair: cannot redefine existing string 'id'");
}

TEST(LoadConfig, SyntaxErrorInAFileOnDisk) {
    const auto path = std::filesystem::temp_directory_path() / "trellis_config_syntax.toml";
    std::ofstream(path) << "[[instruments]\nsymbol = \"A\"\n";
    const auto loaded = load_config(path.string());
    std::filesystem::remove(path);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().message.rfind(path.string() + ":1:", 0), 0u) << loaded.error().message;
    EXPECT_NE(loaded.error().message.find(": syntax error: "), std::string::npos) << loaded.error().message;
}

TEST(ConfigLocation, FormatsFilePositionsAndOverrides) {
    EXPECT_EQ((ConfigLocation{"c.toml", 12, 5, "strategies[0].params.spread"}.to_string()),
              "c.toml:12:5: strategies[0].params.spread");
    EXPECT_EQ((ConfigLocation{"--set 'a.b=1'", 0, 0, "a.b"}.to_string()), "--set 'a.b=1': a.b");
    EXPECT_EQ((ConfigLocation{"c.toml", 3, 1, ""}.to_string()), "c.toml:3:1");
}
