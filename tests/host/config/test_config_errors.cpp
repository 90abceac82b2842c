// Every class of schema error, each asserting the exact FILE:LINE:COL, key
// path and message; and that several errors are reported together, in order.

#include <gtest/gtest.h>

#include "config_test_support.hpp"

using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

std::string with_head(std::string_view tail) { return std::string(kValidHead) + std::string(tail); }

const std::string kSource = TRELLIS_SOURCE_DIR;

}  // namespace

TEST(ConfigErrors, UnknownKeyPointsAtTheKeyWithDidYouMean) {
    const std::string text = with_head(
        "[[strategies]]\n"                  // 10
        "name = \"mm\"\n"                   // 11
        "plugin = \"market_maker\"\n"       // 12
        "enabled = true\n"                  // 13
        "parms = { spread_ticks = 3 }\n");  // 14
    EXPECT_EQ(errors_of(text), at(14, 1) + "strategies[0].parms: unknown key (did you mean 'params'?)");
}

TEST(ConfigErrors, UnknownKeyInATableHeaderPointsAtTheMisspeltWord) {
    const std::string text = with_head(
        "[backtest]\n"                                                                 // 10
        "seed = 1\n"                                                                   // 11
        "[[backtest.sources]]\n"                                                       // 12
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"  // 13
        "[backtest.latncy]\n"                                                          // 14
        "market_data = \"5us\"\n");                                                    // 15
    EXPECT_EQ(errors_of(text), at(14, 11) + "backtest.latncy: unknown key (did you mean 'latency'?)");
}

TEST(ConfigErrors, UnknownKeyWithoutACloseMatchListsTheValidKeys) {
    const std::string text = with_head(
        "[backtest]\n"                                                                 // 10
        "[[backtest.sources]]\n"                                                       // 11
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"  // 12
        "[backtest.fees]\n"                                                            // 13
        "rebate = 1\n");                                                               // 14
    EXPECT_EQ(errors_of(text), at(14, 1) + "backtest.fees.rebate: unknown key (valid keys here: maker_bps, taker_bps)");
}

TEST(ConfigErrors, WrongTypeNamesExpectedAndActual) {
    const std::string text =
        "[[adapters]]\n"            // 1
        "name = \"sim\"\n"          // 2
        "plugin = \"sim_ex\"\n"     // 3
        "[[instruments]]\n"         // 4
        "symbol = \"AMZN\"\n"       // 5
        "price_decimals = \"4\"\n"  // 6
        "qty_decimals = 0\n"        // 7
        "tick_size = 0.01\n"        // 8
        "lot_size = 1\n"            // 9
        "venue = 7\n";              // 10
    EXPECT_EQ(errors_of(text), at(6, 18) +
                                   "instruments[0].price_decimals: expected an integer, got a string (write a whole "
                                   "number without quotes)\n" +
                                   at(10, 9) +
                                   "instruments[0].venue: expected a string, got an integer (put the value in double "
                                   "quotes)");
}

TEST(ConfigErrors, WrongTypeForAWholeSection) {
    const std::string text =
        "instruments = 5\n"  // 1
        "[[adapters]]\n"     // 2
        "name = \"sim\"\n"   // 3
        "plugin = \"x\"\n";  // 4
    EXPECT_EQ(errors_of(text), at(1, 15) +
                                   "instruments: expected an array of tables, got an integer (write each entry as a "
                                   "[[instruments]] section)");
}

TEST(ConfigErrors, OutOfRange) {
    std::string text(kValidHead);
    text.replace(text.find("price_decimals = 2"), 18, "price_decimals = 13");
    text +=
        "[backtest]\n"                                                                  // 10
        "seed = -1\n"                                                                   // 11
        "[backtest.fees]\n"                                                             // 12
        "maker_bps = -150\n"                                                            // 13
        "taker_bps = nan\n"                                                             // 14
        "[[backtest.sources]]\n"                                                        // 15
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n";  // 16
    EXPECT_EQ(errors_of(text),
              at(6, 18) + "instruments[0].price_decimals: 13 is out of range (must be between 0 and 12)\n" + at(11, 8) +
                  "backtest.seed: -1 is out of range (must be >= 0)\n" + at(13, 13) +
                  "backtest.fees.maker_bps: -150 is out of range (must be between -100 and 100)\n" + at(14, 13) +
                  "backtest.fees.taker_bps: nan is not a finite number (write a regular number)");
}

TEST(ConfigErrors, MissingRequiredKeyPointsAtTheEnclosingTable) {
    const std::string text =
        "[[adapters]]\n"         // 1
        "plugin = \"sim_ex\"\n"  // 2
        "[[instruments]]\n"      // 3
        "price_decimals = 2\n"   // 4
        "qty_decimals = 0\n"     // 5
        "lot_size = 1\n";        // 6
    EXPECT_EQ(errors_of(text),
              at(1, 1) + "adapters[0].name: missing required key 'name' (add it to this table)\n" + at(3, 1) +
                  "instruments[0].symbol: missing required key 'symbol' (add it to this table)\n" + at(3, 1) +
                  "instruments[0].tick_size: missing required key 'tick_size' (add it to this table)");
}

TEST(ConfigErrors, MissingRequiredSectionsPointAtTheDocument) {
    EXPECT_EQ(errors_of("[host]\nid = \"x\"\n"),
              at(1, 1) + "adapters: at least one [[adapters]] table is required (add a [[adapters]] section)\n" +
                  at(1, 1) +
                  "instruments: at least one [[instruments]] table is required (add a [[instruments]] section)");
    // An empty document has no positions at all; still FILE:1:1.
    EXPECT_EQ(errors_of("").substr(0, at(1, 1).size()), at(1, 1));
}

TEST(ConfigErrors, BacktestNeedsAtLeastOneSource) {
    EXPECT_EQ(errors_of(with_head("[backtest]\nseed = 3\n")),
              at(10, 1) +
                  "backtest.sources: at least one [[backtest.sources]] table is required (add a "
                  "[[backtest.sources]] section)");
}

TEST(ConfigErrors, DuplicateNamesPointAtTheSecondAndNameTheFirst) {
    const std::string text = with_head(
        "[[instruments]]\n"       // 10
        "symbol = \"AMZN\"\n"     // 11
        "price_decimals = 2\n"    // 12
        "qty_decimals = 0\n"      // 13
        "tick_size = 0.01\n"      // 14
        "lot_size = 1\n"          // 15
        "[[adapters]]\n"          // 16
        "name = \"sim\"\n"        // 17
        "plugin = \"other\"\n");  // 18
    EXPECT_EQ(errors_of(text), at(11, 10) + "instruments[1].symbol: duplicate symbol 'AMZN' (first defined at " +
                                   at(5, 10) +
                                   "instruments[0].symbol; each symbol must be unique among instruments)\n" +
                                   at(17, 8) + "adapters[1].name: duplicate name 'sim' (first defined at " + at(2, 8) +
                                   "adapters[0].name; each name must be unique among adapters)");
}

TEST(ConfigErrors, BadReferencesSuggestTheClosestName) {
    const std::string text = with_head(
        "venue = \"simm\"\n"                                                           // 10
        "[backtest]\n"                                                                 // 11
        "[[backtest.sources]]\n"                                                       // 12
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"  // 13
        "symbol = \"AMZM\"\n"                                                          // 14
        "[[backtest.sources]]\n"                                                       // 15
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"  // 16
        "symbol = \"BTCUSDT\"\n");                                                     // 17
    EXPECT_EQ(errors_of(text),
              at(10, 9) + "instruments[0].venue: 'simm' does not name any [[adapters]] entry (did you mean 'sim'?)\n" +
                  at(14, 10) +
                  "backtest.sources[0].symbol: 'AMZM' does not name any [[instruments]] entry (did you mean "
                  "'AMZN'?)\n" +
                  at(17, 10) +
                  "backtest.sources[1].symbol: 'BTCUSDT' does not name any [[instruments]] entry "
                  "(defined: AMZN)");
}

TEST(ConfigErrors, SizesMustBeExactAtTheInstrumentsDecimals) {
    const std::string text =
        "[[adapters]]\n"         // 1
        "name = \"sim\"\n"       // 2
        "plugin = \"sim_ex\"\n"  // 3
        "[[instruments]]\n"      // 4
        "symbol = \"AMZN\"\n"    // 5
        "price_decimals = 2\n"   // 6
        "qty_decimals = 0\n"     // 7
        "tick_size = 0.015\n"    // 8
        "lot_size = \"0.5\"\n"   // 9
        "[[instruments]]\n"      // 10
        "symbol = \"MSFT\"\n"    // 11
        "price_decimals = 2\n"   // 12
        "qty_decimals = 0\n"     // 13
        "tick_size = 0\n"        // 14
        "lot_size = \"1x\"\n";   // 15
    EXPECT_EQ(errors_of(text),
              at(8, 13) +
                  "instruments[0].tick_size: 0.015 is not exact at price_decimals = 2 (use a multiple of 0.01 or raise "
                  "price_decimals)\n" +
                  at(9, 12) +
                  "instruments[0].lot_size: '0.5' is not exact at qty_decimals = 0 (use a multiple of 1 or raise "
                  "qty_decimals)\n" +
                  at(14, 13) + "instruments[1].tick_size: 0 is out of range (must be > 0)\n" + at(15, 12) +
                  "instruments[1].lot_size: '1x' is not a decimal number (write a decimal number, e.g. 0.01)");
}

TEST(ConfigErrors, BadDurations) {
    const std::string text = with_head(
        "[backtest]\n"                                                                   // 10
        "equity_interval = \"1.5x\"\n"                                                   // 11
        "[backtest.latency]\n"                                                           // 12
        "market_data = -5\n"                                                             // 13
        "order_entry = 1.5\n"                                                            // 14
        "order_response = \"-1us\"\n"                                                    // 15
        "[[backtest.sources]]\n"                                                         // 16
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n");  // 17
    EXPECT_EQ(errors_of(text),
              at(11, 19) +
                  "backtest.equity_interval: bad duration: '1.5x' has an unknown unit 'x' (use ns, us, ms, s, m or "
                  "h)\n" +
                  at(13, 15) + "backtest.latency.market_data: -5ns is out of range (must be >= 0)\n" + at(14, 15) +
                  "backtest.latency.order_entry: expected a duration, got a float (write a string with a unit, e.g. "
                  "\"250us\" or \"1.5ms\", or an integer of nanoseconds)\n" +
                  at(15, 18) + "backtest.latency.order_response: '-1us' is out of range (must be >= 0)");
    EXPECT_EQ(errors_of(with_head("[backtest]\nequity_interval = \"0s\"\n[[backtest.sources]]\npath = "
                                  "\"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n")),
              at(11, 19) + "backtest.equity_interval: '0s' is out of range (must be > 0)");
}

TEST(ConfigErrors, BadTimestamps) {
    const std::string text = with_head(
        "[backtest]\n"                                                                   // 10
        "start = 2012-06-21T09:30:00\n"                                                  // 11
        "end = \"noon\"\n"                                                               // 12
        "[[backtest.sources]]\n"                                                         // 13
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n");  // 14
    EXPECT_EQ(errors_of(text),
              at(11, 9) +
                  "backtest.start: bad timestamp: the date-time has no UTC offset (append Z for UTC, e.g. "
                  "2012-06-21T09:30:00Z)\n" +
                  at(12, 7) +
                  "backtest.end: bad timestamp: 'noon' is not an RFC 3339 date-time (write e.g. 2012-06-21T09:30:00Z)");
    EXPECT_EQ(errors_of(with_head("[backtest]\nstart = 2012-06-21T16:00:00Z\nend = \"2012-06-21T09:30:00Z\"\n"
                                  "[[backtest.sources]]\npath = "
                                  "\"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n")),
              at(12, 7) + "backtest.end: is not after start (set end later than start, or remove one of them)");
}

TEST(ConfigErrors, SourceChecks) {
    const std::string text = with_head(
        "[backtest]\n"                                                                 // 10
        "[[backtest.sources]]\n"                                                       // 11
        "path = \"data/samples/lobster/nope.csv\"\n"                                   // 12
        "format = \"lobstr\"\n"                                                        // 13
        "date = \"2012-13-01\"\n"                                                      // 14
        "on_error = \"ignore\"\n"                                                      // 15
        "[[backtest.sources]]\n"                                                       // 16
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n"  // 17
        "format = \"binance\"\n"                                                       // 18
        "orderbook = \"x.csv\"\n"                                                      // 19
        "date = \"2012-06-21\"\n");                                                    // 20
    EXPECT_EQ(errors_of(text),
              at(12, 8) + "backtest.sources[0].path: file not found: " + kSource +
                  "/data/samples/lobster/nope.csv (relative paths resolve against the config file's directory; fix "
                  "the path)\n" +
                  at(13, 10) + "backtest.sources[0].format: 'lobstr' is not a valid value (did you mean 'lobster'?)\n" +
                  at(14, 8) +
                  "backtest.sources[0].date: bad date: '2012-13-01' is not a valid calendar date (write the date as "
                  "YYYY-MM-DD, "
                  "e.g. 2012-06-21)\n" +
                  at(15, 12) +
                  "backtest.sources[0].on_error: 'ignore' is not a valid value (use one of: fail, skip)\n" +
                  at(19, 13) +
                  "backtest.sources[1].orderbook: is only used with format = \"lobster\", not \"binance\" (remove it "
                  "or set format = \"lobster\")\n" +
                  at(20, 8) +
                  "backtest.sources[1].date: is only used with format = \"lobster\", not \"binance\" (remove it or "
                  "set format = \"lobster\")");
}

TEST(ConfigErrors, PluginEntryChecks) {
    const std::string text = with_head(
        "[[strategies]]\n"           // 10
        "name = \"\"\n"              // 11
        "plugin = \"plugins/mm\"\n"  // 12
        "enabled = \"yes\"\n"        // 13
        "[strategies.params]\n"      // 14
        "levels = [1, 2]\n"          // 15
        "[risk]\n"                   // 16
        "rule = 1\n");               // 17
    EXPECT_EQ(errors_of(text),
              at(11, 8) + "strategies[0].name: is empty (give this instance a name, e.g. name = \"main\")\n" +
                  at(12, 10) +
                  "strategies[0].plugin: 'plugins/mm' looks like a path but does not end in .so or .lua (give a "
                  ".so/.lua file or a registry name like \"market_maker\")\n" +
                  at(13, 11) +
                  "strategies[0].enabled: expected true or false, got a string (write true or false without quotes)\n" +
                  at(15, 10) +
                  "strategies[0].params.levels: expected an int, float, bool or string, got an array (plugin "
                  "parameters are single values)\n" +
                  at(17, 1) + "risk.rule: unknown key (did you mean 'rules'?)");
}

TEST(ConfigErrors, HostSectionChecks) {
    const std::string text = with_head(
        "[host]\n"                     // 10
        "id = \"\"\n"                  // 11
        "plugin_paths = [\"a\", 3]\n"  // 12
        "plugin_path = []\n");         // 13
    EXPECT_EQ(errors_of(text), at(11, 6) + "host.id: is empty (give the host a name, e.g. id = \"demo\")\n" +
                                   at(12, 22) +
                                   "host.plugin_paths[1]: expected a string, got an integer (put the value in double "
                                   "quotes)\n" +
                                   at(13, 1) + "host.plugin_path: unknown key (did you mean 'plugin_paths'?)");
}

TEST(ConfigErrors, SeveralErrorsAreAllReportedInFileOrder) {
    const std::string text =
        "colour = \"red\"\n"                                                            // 1
        "[[instruments]]\n"                                                             // 2
        "symbol = \"AMZN\"\n"                                                           // 3
        "price_decimals = 2\n"                                                          // 4
        "qty_decimals = 0.5\n"                                                          // 5
        "tick_size = 0.01\n"                                                            // 6
        "lot_size = 1\n"                                                                // 7
        "venue = \"nowhere\"\n"                                                         // 8
        "[[adapters]]\n"                                                                // 9
        "name = \"sim\"\n"                                                              // 10
        "[backtest]\n"                                                                  // 11
        "sed = 42\n"                                                                    // 12
        "[[backtest.sources]]\n"                                                        // 13
        "path = \"data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv\"\n";  // 14
    EXPECT_EQ(errors_of(text),
              at(1, 1) +
                  "colour: unknown key (valid keys here: host, adapters, strategies, risk, alerts, lua, "
                  "telemetry, instruments, backtest)\n" +
                  at(5, 16) +
                  "instruments[0].qty_decimals: expected an integer, got a float (write a whole number without "
                  "quotes)\n" +
                  at(8, 9) + "instruments[0].venue: 'nowhere' does not name any [[adapters]] entry (defined: sim)\n" +
                  at(9, 1) + "adapters[0].plugin: missing required key 'plugin' (add it to this table)\n" + at(12, 1) +
                  "backtest.sed: unknown key (did you mean 'seed'?)");
}
