// `trellis backtest` end to end on the demo configuration and real data.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.hpp"

using namespace trellis::itest;
using nlohmann::json;

namespace {
const std::string kMessages = "data/samples/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv";
const std::string kOrderbook = "data/samples/lobster/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv";

}  // namespace

TEST(BacktestCli, DemoPrintsHumanSummary) {
    const auto r = run_trellis("backtest config/demo.toml");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* word : {"events", "orders", "fills", "position", "realized PnL", "unrealized PnL", "fees",
                             "max drawdown", "events/s", "wall time"})
        EXPECT_NE(r.out.find(word), std::string::npos) << "summary lacks '" << word << "':\n" << r.out;
}

TEST(BacktestCli, JsonHasExactlyTheDocumentedKeysAndCountsEveryEvent) {
    const auto r = run_trellis("backtest config/demo.toml --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    EXPECT_EQ(keys, (std::set<std::string>{"events", "orders", "fills", "position", "realized_pnl", "unrealized_pnl",
                                           "fees", "max_drawdown", "events_per_sec", "wall_s"}));
    // The run sees every event the reader produces for the file.
    const auto inspect = run_trellis("data inspect " + kMessages + " --json");
    ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
    EXPECT_EQ(j["events"].get<std::uint64_t>(), json::parse(inspect.out)["events"].get<std::uint64_t>());
    EXPECT_GT(j["orders"].get<std::uint64_t>(), 100u);
    EXPECT_GT(j["fills"].get<std::uint64_t>(), 10u);
    EXPECT_GT(j["events_per_sec"].get<double>(), 0.0);
}

TEST(BacktestCli, SameInputsGiveByteIdenticalOutputs) {
    TempDir a, b;
    const auto ra = run_trellis("backtest config/demo.toml --json --out " + a.path().string());
    const auto rb = run_trellis("backtest config/demo.toml --json --out " + b.path().string());
    ASSERT_EQ(ra.exit_code, 0) << ra.err;
    ASSERT_EQ(rb.exit_code, 0) << rb.err;
    for (const char* f : {"orders.csv", "fills.csv", "equity.csv"}) {
        const std::string x = read_file(a / f), y = read_file(b / f);
        EXPECT_GT(x.size(), 100u) << f;
        EXPECT_TRUE(x == y) << f << " differs between two identical runs";
    }
    json ja = json::parse(ra.out), jb = json::parse(rb.out);
    for (auto* j : {&ja, &jb}) {
        j->erase("wall_s");
        j->erase("events_per_sec");
    }
    EXPECT_EQ(ja, jb);
}

TEST(BacktestCli, SetOverridesChangeTheRun) {
    const auto r = run_trellis("backtest config/demo.toml --json --set strategies.mm.enabled=false");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["orders"].get<int>(), 0);
}

TEST(BacktestCli, BadConfigExitsTwoWithLocation) {
    TempDir dir;
    std::string cfg = demo_config_text() + "\n[backtest.typo_table]\nx = 1\n";
    write_file(dir / "bad.toml", cfg);
    const auto r = run_trellis("backtest " + (dir / "bad.toml"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.toml:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("typo_table"), std::string::npos) << r.err;

    const auto missing = run_trellis("backtest /nonexistent/config.toml");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/config.toml"), std::string::npos) << missing.err;

    const auto bad_set = run_trellis("backtest config/demo.toml --set backtest.sed=7");
    EXPECT_EQ(bad_set.exit_code, 2);
    EXPECT_NE(bad_set.err.find("seed"), std::string::npos) << "expected a did-you-mean: " << bad_set.err;
}

TEST(BacktestCli, MalformedDataRowStopsWithFileAndLine) {
    TempDir dir;
    std::filesystem::copy_file(std::string(TRELLIS_SOURCE_DIR) + "/" + kOrderbook,
                               dir / "AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
    std::string messages = read_file(std::string(TRELLIS_SOURCE_DIR) + "/" + kMessages);
    // Break line 30000 (1-based, the header is line 1).
    std::size_t at = 0;
    for (int line = 1; line < 30000; ++line) at = messages.find('\n', at) + 1;
    messages.replace(at, messages.find('\n', at) - at, "34200.5,1,xyz,100,2238100,1");
    write_file(dir / "AMZN_2012-06-21_34200000_57600000_message_1.csv", messages);
    write_file(dir / "demo.toml", demo_config_text(dir.path().string()));

    const auto r = run_trellis("backtest " + (dir / "demo.toml"));
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("message_1.csv:30000"), std::string::npos) << r.err;

    // With on_error = "skip" the same file runs and the row is counted.
    const auto skipped = run_trellis("backtest " + (dir / "demo.toml") + " --set backtest.sources.0.on_error=skip");
    EXPECT_EQ(skipped.exit_code, 0) << skipped.err;
    EXPECT_NE(skipped.out.find("skipped rows"), std::string::npos) << skipped.out;
}
