// --set overrides: addressing by index and by name, new keys and tables,
// value types, and bad overrides reported like bad file entries.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

const std::string kBase = std::string(kValidHead) +
                          "[[strategies]]\n"                                                              // 10
                          "name = \"mm\"\n"                                                               // 11
                          "plugin = \"market_maker\"\n"                                                   // 12
                          "[strategies.params]\n"                                                         // 13
                          "spread_ticks = 2\n"                                                            // 14
                          "[[strategies]]\n"                                                              // 15
                          "name = \"taker\"\n"                                                            // 16
                          "plugin = \"taker\"\n"                                                          // 17
                          "[backtest]\n"                                                                  // 18
                          "[[backtest.sources]]\n"                                                        // 19
                          "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n";  // 20

HostConfig load(std::vector<std::string> overrides) {
    auto loaded = parse_inline(kBase, std::move(overrides));
    EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
    return loaded ? *loaded : HostConfig{};
}

const RawParam* find_param(const PluginConfig& p, std::string_view key) {
    for (const auto& raw : p.params)
        if (raw.key == key) return &raw;
    return nullptr;
}

}  // namespace

TEST(Overrides, BaseLoadsWithoutOverrides) {
    const HostConfig c = load({});
    EXPECT_EQ(std::get<std::int64_t>(c.strategies[0].params[0].value), 2);
    EXPECT_EQ(c.backtest.seed, 0u);
}

TEST(Overrides, ByIndexReplacesAValue) {
    const HostConfig c = load({"strategies.0.params.spread_ticks=3"});
    const RawParam* p = find_param(c.strategies[0], "spread_ticks");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(std::get<std::int64_t>(p->value), 3);
    // The value's location is the override, under the schema's key path.
    EXPECT_EQ(p->where, "--set 'strategies.0.params.spread_ticks=3': strategies[0].params.spread_ticks");
}

TEST(Overrides, ByNameCreatesMissingTables) {
    // "taker" has no [strategies.params] table yet.
    const HostConfig c = load({"strategies.taker.params.size=0.5", "strategies.mm.params.spread_ticks=7"});
    ASSERT_EQ(c.strategies[1].params.size(), 1u);
    EXPECT_EQ(c.strategies[1].params[0].key, "size");
    EXPECT_EQ(std::get<double>(c.strategies[1].params[0].value), 0.5);
    EXPECT_EQ(std::get<std::int64_t>(find_param(c.strategies[0], "spread_ticks")->value), 7);
}

TEST(Overrides, InstrumentsCanBeAddressedBySymbol) {
    const HostConfig c = load({"instruments.AMZN.tick_size=\"0.05\""});
    EXPECT_EQ(c.instruments[0].tick_size.raw, 5);
}

TEST(Overrides, NewKeysAndTablesOfEveryValueType) {
    const HostConfig c = load({
        "backtest.seed=7",                       // integer, new key
        "backtest.initial_cash=2500.5",          // float
        "adapters.sim.enabled=false",            // bool
        "host.id=\"night run\"",                 // quoted string, new table
        "host.plugin_paths=[\"/a\", \"b\"]",     // array
        "backtest.sources.0.on_error=skip",      // bare string
        "backtest.latency.market_data=250us",    // bare string parsed as a duration
        "backtest.start=2012-06-21T09:30:00Z",   // TOML date-time
        "strategies.mm.params.label=two words",  // bare string with a space
        "strategies.mm.params.note=say \"hi\"",  // bare string with quotes
    });
    EXPECT_EQ(c.backtest.seed, 7u);
    EXPECT_EQ(c.backtest.initial_cash, 2500.5);
    EXPECT_FALSE(c.adapters[0].enabled);
    EXPECT_EQ(c.host_id, "night run");
    EXPECT_EQ(c.plugin_paths, (std::vector<std::string>{"/a", std::string(TRELLIS_SOURCE_DIR) + "/b"}));
    EXPECT_TRUE(c.backtest.sources[0].skip_bad_rows);
    EXPECT_EQ(c.backtest.latency.market_data, 250'000);
    EXPECT_EQ(c.backtest.start, (15512LL * 86400 + 34200) * 1'000'000'000);
    EXPECT_EQ(std::get<std::string>(find_param(c.strategies[0], "label")->value), "two words");
    EXPECT_EQ(std::get<std::string>(find_param(c.strategies[0], "note")->value), "say \"hi\"");
}

TEST(Overrides, LaterOverrideWins) {
    const HostConfig c = load({"backtest.seed=1", "backtest.seed=2"});
    EXPECT_EQ(c.backtest.seed, 2u);
}

TEST(Overrides, BadKeyIsReportedLikeABadFileEntry) {
    EXPECT_EQ(errors_of(kBase, {"backtest.sed=7"}),
              "--set 'backtest.sed=7': backtest.sed: unknown key (did you mean 'seed'?)");
}

TEST(Overrides, WrongValueTypeIsReportedAtTheOverride) {
    EXPECT_EQ(errors_of(kBase, {"backtest.seed=abc"}),
              "--set 'backtest.seed=abc': backtest.seed: expected an integer, got a string (write a whole number "
              "without quotes)");
    EXPECT_EQ(errors_of(kBase, {"strategies.mm.params.levels=[1,2]"}),
              "--set 'strategies.mm.params.levels=[1,2]': strategies[0].params.levels: expected an int, float, bool "
              "or string, got an array (plugin parameters are single values)");
}

TEST(Overrides, MissingKeyInATableCreatedByAnOverridePointsAtTheOverride) {
    EXPECT_EQ(errors_of(kBase, {"risk.rules=[{name = \"x\"}]"}),
              "--set 'risk.rules=[{name = \"x\"}]': risk.rules[0].plugin: missing required key 'plugin' (add it to "
              "this table)");
}

TEST(Overrides, BadPaths) {
    EXPECT_EQ(errors_of(kBase, {"backtest.seed"}),
              "--set 'backtest.seed': missing '=' (write --set key.path=value, e.g. --set backtest.seed=7)");
    EXPECT_EQ(errors_of(kBase, {"backtest..seed=1"}),
              "--set 'backtest..seed=1': backtest..seed: empty key in the path (write key.path=value, e.g. --set "
              "backtest.seed=7)");
    EXPECT_EQ(errors_of(kBase, {"=1"}),
              "--set '=1': empty key in the path (write key.path=value, e.g. --set backtest.seed=7)");
    EXPECT_EQ(errors_of(kBase, {"instruments.0.symbol.x=1"}),
              "--set 'instruments.0.symbol.x=1': instruments[0].symbol: is a string, not a table, so it has no key "
              "'x' (shorten the path)");
    EXPECT_EQ(errors_of(kBase, {"strategies.5.enabled=false"}),
              "--set 'strategies.5.enabled=false': strategies: index 5 is out of range (strategies has 2 entries; use "
              "0..1)");
    EXPECT_EQ(errors_of(kBase, {"strategies.mn.enabled=false"}),
              "--set 'strategies.mn.enabled=false': strategies: no entry named 'mn' (did you mean 'mm'?)");
    EXPECT_EQ(errors_of(kBase, {"strategies.zzzzzz.enabled=false"}),
              "--set 'strategies.zzzzzz.enabled=false': strategies: no entry named 'zzzzzz' (address an entry by "
              "index 0..1 or by name: mm, taker)");
}

TEST(Overrides, OverrideErrorsFollowFileErrors) {
    std::string text = kBase;
    text.replace(text.find("price_decimals = 2"), 18, "price_decimals = 20");
    EXPECT_EQ(errors_of(text, {"backtest.sed=7", "host.idd=\"x\""}),
              at(6, 18) + "instruments[0].price_decimals: 20 is out of range (must be between 0 and 12)\n" +
                  "--set 'host.idd=\"x\"': host.idd: unknown key (did you mean 'id'?)\n" +
                  "--set 'backtest.sed=7': backtest.sed: unknown key (did you mean 'seed'?)");
}
