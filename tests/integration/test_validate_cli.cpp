// `trellis validate`: a good file passes; a bad one names file, line, column and key.

#include <gtest/gtest.h>

#include "cli_runner.hpp"

using namespace trellis::itest;

namespace {
std::string demo() { return demo_config_text(); }

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << "demo.toml no longer contains '" << from << "'";
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

// Line (1-based) of the first occurrence of `needle`.
int line_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n'));
}
}  // namespace

TEST(ValidateCli, DemoConfigIsValid) {
    const auto r = run_trellis("validate config/demo.toml");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("OK"), std::string::npos);
}

TEST(ValidateCli, UnknownTopLevelKeyNamesLineAndColumn) {
    TempDir dir;
    const std::string text = replace_once(demo(), "seed =", "sed =");
    write_file(dir / "c.toml", text);
    const auto r = run_trellis("validate " + (dir / "c.toml"));
    EXPECT_EQ(r.exit_code, 2);
    const std::string where = (dir / "c.toml") + ":" + std::to_string(line_of(text, "sed =")) + ":";
    EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean 'seed'"), std::string::npos) << r.err;
}

TEST(ValidateCli, BadPluginParameterIsCaughtWithoutRunning) {
    TempDir dir;
    const std::string text = replace_once(demo(), "requote_ticks", "requote_tick");
    write_file(dir / "c.toml", text);
    const auto r = run_trellis("validate " + (dir / "c.toml"));
    EXPECT_EQ(r.exit_code, 2);
    // Built step by step: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    std::string at_line = ":";
    at_line += std::to_string(line_of(text, "requote_tick"));
    at_line += ":";
    EXPECT_NE(r.err.find(at_line), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean 'requote_ticks'"), std::string::npos) << r.err;
}

TEST(ValidateCli, MissingPluginAndMissingDataAreNamed) {
    TempDir dir;
    write_file(dir / "p.toml", replace_once(demo(), "\"market_maker\"", "\"no_such_strategy\""));
    const auto r = run_trellis("validate " + (dir / "p.toml"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no_such_strategy"), std::string::npos) << r.err;

    std::string text = demo();
    text = replace_once(text, std::string(TRELLIS_SOURCE_DIR) + "/data/samples/lobster/", "/nonexistent/");
    write_file(dir / "d.toml", text);
    const auto d = run_trellis("validate " + (dir / "d.toml"));
    EXPECT_EQ(d.exit_code, 2);
    EXPECT_NE(d.err.find("/nonexistent/"), std::string::npos) << d.err;
}
