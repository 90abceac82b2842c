// The risk chain, the kill file and Lua rules through the `trellis` command.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

using namespace trellis::itest;

namespace {
// The demo with its kill file moved into `dir`.
std::string demo_with_kill_file(const TempDir& dir) {
    std::string cfg = demo_config_text();
    std::string from = "kill_file = \"";  // built step by step: GCC 12 warns falsely on "literal" + string&&
    from += TRELLIS_SOURCE_DIR;
    from += "/build/KILL\"";
    const auto at = cfg.find(from);
    EXPECT_NE(at, std::string::npos) << "demo.toml no longer sets kill_file";
    cfg.replace(at, from.size(), "kill_file = \"" + (dir / "KILL") + "\"");
    return cfg;
}
}  // namespace

TEST(RiskCli, DemoSummaryShowsRejectionsByRule) {
    const auto r = run_trellis("backtest config/demo.toml");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* rule : {"rule position", "rule hours", "rule inventory", "risk level"})
        EXPECT_NE(r.out.find(rule), std::string::npos) << r.out;
    // Somebody said no: the chain is at work on real data.
    std::istringstream lines(r.out);
    std::string line;
    long rejections = 0;
    while (std::getline(lines, line))
        if (line.starts_with("  rule ")) rejections += std::stol(line.substr(33, 9));
    EXPECT_GT(rejections, 0);
}

TEST(RiskCli, KillFileStopsEveryOrderAndSaysSo) {
    TempDir dir;
    write_file(dir / "demo.toml", demo_with_kill_file(dir));
    write_file(dir / "KILL", "stop\n");  // present before the run: the switch engages at the first event
    const auto r = run_trellis("backtest " + (dir / "demo.toml") + " --out " + (dir / "out"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("kill switch"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ENGAGED"), std::string::npos) << r.out;
    // No order left the host: every one was rejected by the kill switch, none filled.
    const std::string orders = read_file(dir / "out/orders.csv");
    std::istringstream in(orders);
    std::string line;
    std::getline(in, line);
    int rows = 0;
    while (std::getline(in, line)) {
        ++rows;
        EXPECT_NE(line.find(",rejected,"), std::string::npos) << line;
        EXPECT_NE(line.find("kill_switch"), std::string::npos) << line;
    }
    EXPECT_GT(rows, 0);
    EXPECT_EQ(read_file(dir / "out/fills.csv").find('\n'), read_file(dir / "out/fills.csv").size() - 1)
        << "fills.csv has rows";
}

TEST(RiskCli, BrokenLuaRuleIsRefusedWithFileAndLine) {
    TempDir dir;
    write_file(dir / "broken.lua",
               "return {\n"
               "  name = \"broken\",\n"
               "  check = function(order, ctx)\n"
               "    return order.qty <\n"  // line 4: syntax error
               "  end,\n"
               "}\n");
    std::string cfg = demo_config_text();
    cfg += "\n[[risk.rules]]\nname = \"broken\"\nplugin = \"" + (dir / "broken.lua") + "\"\n";
    write_file(dir / "c.toml", cfg);
    const auto v = run_trellis("validate " + (dir / "c.toml"));
    EXPECT_EQ(v.exit_code, 2);
    EXPECT_NE(v.err.find("broken.lua:"), std::string::npos) << v.err;
    EXPECT_NE(v.err.find("c.toml:"), std::string::npos) << "the config entry is named too: " << v.err;
}

TEST(RiskCli, LuaRuntimeErrorRejectsTheOrderWithFileAndLine) {
    TempDir dir;
    write_file(dir / "fails.lua",
               "return {\n"
               "  name = \"fails\",\n"
               "  check = function(order, ctx)\n"
               "    return order.no_such_field.x\n"  // line 4: indexing nil
               "  end,\n"
               "}\n");
    std::string cfg = demo_config_text();
    cfg += "\n[[risk.rules]]\nname = \"fails\"\nplugin = \"" + (dir / "fails.lua") + "\"\n";
    write_file(dir / "c.toml", cfg);
    const auto r = run_trellis("backtest " + (dir / "c.toml") + " --out " + (dir / "out"));
    ASSERT_EQ(r.exit_code, 0) << r.err;  // the host keeps running; the rule fails closed
    const std::string orders = read_file(dir / "out/orders.csv");
    EXPECT_NE(orders.find("fails.lua:4:"), std::string::npos) << orders.substr(0, 2000);
}
