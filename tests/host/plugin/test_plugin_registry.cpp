// PluginRegistry: resolving by name and by path, kinds, duplicates, built-ins,
// and that every refusal is prefixed by the configuration location.
#include <gtest/gtest.h>

#include "plugin/plugin_registry.hpp"
#include "test_plugins.hpp"

namespace trellis::host {
namespace {

using testing::fixture;
using testing::fixture_dir;
using testing::quoted_fixture;

constexpr std::string_view kWhere = "cfg.toml:7:10: strategies[0].plugin";

// A search path that exists but holds no plugins, listed before the fixtures.
std::filesystem::path empty_dir() {
    const auto dir = std::filesystem::temp_directory_path() / ("trellis_empty_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

TEST(PluginRegistry, ResolvesANameThroughTheSearchPathsInOrder) {
    PluginRegistry registry({empty_dir(), fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_strategy", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    EXPECT_FALSE(plugin->is_builtin());
    EXPECT_EQ(plugin->library->path(), fixture("fixture_strategy.so"));
    EXPECT_STREQ(plugin->manifest->name, "fixture_strategy");
    const PluginHandle* found = registry.find(PluginKind::Strategy, "fixture_strategy");
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->manifest, plugin->manifest);
    EXPECT_EQ(registry.find(PluginKind::ExchangeAdapter, "fixture_strategy"), nullptr);
}

TEST(PluginRegistry, ResolvesAPathAndTheSameLibraryAgainByName) {
    PluginRegistry registry({fixture_dir()});
    const auto by_path = registry.resolve(PluginKind::ExchangeAdapter, fixture("fixture_adapter.so").string(), kWhere);
    ASSERT_TRUE(by_path) << by_path.error().message;
    EXPECT_EQ(by_path->manifest->kind, PluginKind::ExchangeAdapter);
    const auto by_name = registry.resolve(PluginKind::ExchangeAdapter, "fixture_adapter", kWhere);
    ASSERT_TRUE(by_name) << by_name.error().message;
    EXPECT_EQ(by_name->manifest, by_path->manifest);
    // The same file through a non-normalized path is not a duplicate either.
    const auto again = registry.resolve(PluginKind::ExchangeAdapter,
                                        (fixture_dir() / ".." / "fixtures" / "fixture_adapter.so").string(), kWhere);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(registry.plugins().size(), 1u);
}

TEST(PluginRegistry, MissingNameListsEveryFileTried) {
    const auto empty = empty_dir();
    PluginRegistry registry({empty, fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "no_such_plugin", kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, std::string(kWhere) +
                                          ": no strategy plugin named 'no_such_plugin': it is not built in and none of "
                                          "these files exists: " +
                                          (empty / "no_such_plugin.so").string() + ", " +
                                          fixture("no_such_plugin.so").string() +
                                          "; put the library in one of these directories or give a path ending in .so");
}

TEST(PluginRegistry, MissingNameSuggestsACloseOne) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_stratgy", kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_TRUE(plugin.error().message.starts_with(std::string(kWhere) +
                                                   ": no strategy plugin named 'fixture_stratgy' (did you mean "
                                                   "'fixture_strategy'?): it is not built in"))
        << plugin.error().message;
}

TEST(PluginRegistry, MissingNameWithoutSearchPaths) {
    PluginRegistry registry;
    const auto plugin = registry.resolve(PluginKind::Strategy, "market_maker", kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, std::string(kWhere) +
                                          ": no strategy plugin named 'market_maker': it is not built in and no "
                                          "plugin search paths are configured; add a plugin path or give a path "
                                          "ending in .so");
}

TEST(PluginRegistry, MissingPath) {
    PluginRegistry registry;
    const auto plugin = registry.resolve(PluginKind::Strategy, fixture("gone.so").string(), kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, std::string(kWhere) + ": plugin library " + quoted_fixture("gone.so") +
                                          " does not exist; check the path or build the plugin");
}

TEST(PluginRegistry, RefusesReferencesThatAreNeitherNameNorLibrary) {
    PluginRegistry registry({fixture_dir()});
    const auto empty = registry.resolve(PluginKind::Strategy, "", kWhere);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().message,
              std::string(kWhere) + ": empty plugin reference; give a registry name or a path ending in .so");
    const auto lua = registry.resolve(PluginKind::RiskRule, "rules/max_position.lua", kWhere);
    ASSERT_FALSE(lua);
    EXPECT_EQ(lua.error().message, std::string(kWhere) +
                                       ": 'rules/max_position.lua' is neither a registry name nor "
                                       "a path ending in .so");
}

TEST(PluginRegistry, RefusesTheWrongKindByPathAndStaysUnchanged) {
    PluginRegistry registry;
    const auto plugin = registry.resolve(PluginKind::ExchangeAdapter, fixture("fixture_strategy.so").string(),
                                         "cfg.toml:2:10: adapters[0].plugin");
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, "cfg.toml:2:10: adapters[0].plugin: " + quoted_fixture("fixture_strategy.so") +
                                          " is a strategy plugin, but this entry needs an exchange_adapter plugin");
    EXPECT_TRUE(registry.plugins().empty());
}

TEST(PluginRegistry, RefusesTheWrongKindByName) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_adapter", kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, std::string(kWhere) + ": " + quoted_fixture("fixture_adapter.so") +
                                          " is an exchange_adapter plugin, but this entry needs a strategy plugin");
}

TEST(PluginRegistry, RefusesTwoLibrariesDeclaringTheSameName) {
    PluginRegistry registry;
    ASSERT_TRUE(registry.resolve(PluginKind::Strategy, fixture("fixture_strategy.so").string(), kWhere));
    const auto twin = registry.resolve(PluginKind::Strategy, fixture("fixture_strategy_twin.so").string(),
                                       "cfg.toml:12:10: strategies[1].plugin");
    ASSERT_FALSE(twin);
    EXPECT_EQ(twin.error().message,
              "cfg.toml:12:10: strategies[1].plugin: duplicate strategy plugin "
              "'fixture_strategy': declared by " +
                  quoted_fixture("fixture_strategy.so") + " and by " + quoted_fixture("fixture_strategy_twin.so") +
                  "; remove one of them or give one another name");
}

TEST(PluginRegistry, RefusesALibraryFoundByNameThatDeclaresAnotherName) {
    PluginRegistry registry({fixture_dir()});
    const auto plugin = registry.resolve(PluginKind::Strategy, "fixture_strategy_twin", kWhere);
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message, std::string(kWhere) + ": " + quoted_fixture("fixture_strategy_twin.so") +
                                          " declares plugin 'fixture_strategy', not 'fixture_strategy_twin'; rename "
                                          "the file to fixture_strategy.so or refer to it by its path");
}

TEST(PluginRegistry, PrefixesLoadFailuresWithTheConfigLocation) {
    PluginRegistry registry({fixture_dir()});
    const auto abi = registry.resolve(PluginKind::Strategy, fixture("abi_mismatch.so").string(), kWhere);
    ASSERT_FALSE(abi);
    EXPECT_EQ(abi.error().message, std::string(kWhere) + ": " + quoted_fixture("abi_mismatch.so") +
                                       ": built against SDK ABI 999, host speaks " +
                                       std::to_string(trellis::kAbiVersion) +
                                       "; rebuild the plugin against this host's SDK");
    const auto not_plugin = registry.resolve(PluginKind::Strategy, "not_a_plugin", kWhere);
    ASSERT_FALSE(not_plugin);
    EXPECT_TRUE(not_plugin.error().message.starts_with(std::string(kWhere) + ": " + quoted_fixture("not_a_plugin.so") +
                                                       " is not a Trellis plugin"))
        << not_plugin.error().message;
    // A multi-line report carries the location on every line.
    const auto bad = registry.resolve(PluginKind::Strategy, fixture("bad_manifest.so").string(), kWhere);
    ASSERT_FALSE(bad);
    const std::string& message = bad.error().message;
    const std::string line_start = std::string(kWhere) + ": " + quoted_fixture("bad_manifest.so") + ": invalid";
    std::size_t lines = 0;
    for (std::size_t at = 0; at != std::string::npos; at = message.find('\n', at), at += at != std::string::npos) {
        EXPECT_EQ(message.compare(at, line_start.size(), line_start), 0) << message;
        ++lines;
    }
    EXPECT_EQ(lines, 4u);
}

TEST(PluginRegistry, BuiltinsResolveByNameWithoutSearchPaths) {
    PluginRegistry registry;
    ASSERT_TRUE(registry.add_builtin(&testing::kQuoter));
    ASSERT_TRUE(registry.add_builtin(&testing::kQuoter));  // the same manifest twice is not a duplicate
    const auto plugin = registry.resolve(PluginKind::Strategy, "quoter", kWhere);
    ASSERT_TRUE(plugin) << plugin.error().message;
    EXPECT_TRUE(plugin->is_builtin());
    EXPECT_EQ(plugin->manifest, &testing::kQuoter);
    EXPECT_EQ(plugin->origin(), "built-in plugin 'quoter'");
}

TEST(PluginRegistry, BuiltinOfAnotherKindIsAWrongKind) {
    PluginRegistry registry;
    ASSERT_TRUE(registry.add_builtin(&testing::kQuoter));
    const auto plugin = registry.resolve(PluginKind::RiskRule, "quoter", "cfg.toml:20:10: risk.rules[0].plugin");
    ASSERT_FALSE(plugin);
    EXPECT_EQ(plugin.error().message,
              "cfg.toml:20:10: risk.rules[0].plugin: built-in plugin 'quoter' is a strategy "
              "plugin, but this entry needs a risk_rule plugin");
}

TEST(PluginRegistry, LibraryCannotTakeABuiltinName) {
    PluginRegistry registry({fixture_dir()});
    ASSERT_TRUE(registry.add_builtin(&testing::kBuiltinFixtureStrategy));
    // By name the built-in wins without looking at the search paths...
    const auto by_name = registry.resolve(PluginKind::Strategy, "fixture_strategy", kWhere);
    ASSERT_TRUE(by_name) << by_name.error().message;
    EXPECT_TRUE(by_name->is_builtin());
    // ...and by path the library is a duplicate.
    const auto by_path = registry.resolve(PluginKind::Strategy, fixture("fixture_strategy.so").string(), kWhere);
    ASSERT_FALSE(by_path);
    EXPECT_EQ(by_path.error().message, std::string(kWhere) +
                                           ": duplicate strategy plugin 'fixture_strategy': declared by built-in "
                                           "plugin 'fixture_strategy' and by " +
                                           quoted_fixture("fixture_strategy.so") +
                                           "; remove one of them or give one another name");
}

TEST(PluginRegistry, BuiltinsAreCheckedLikeLibraries) {
    PluginRegistry registry;
    const auto added = registry.add_builtin(&testing::kOldAbiQuoter);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().message, "built-in plugin 'old_quoter': built against SDK ABI " +
                                         std::to_string(trellis::kAbiVersion + 1) + ", host speaks " +
                                         std::to_string(trellis::kAbiVersion) +
                                         "; rebuild the plugin against this host's SDK");
    EXPECT_TRUE(registry.plugins().empty());
}

TEST(PluginRegistry, ListsPluginsByKindThenName) {
    PluginRegistry registry({fixture_dir()});
    ASSERT_TRUE(registry.add_builtin(&testing::kQuoter));
    ASSERT_TRUE(registry.add_library(fixture("fixture_strategy.so")));
    ASSERT_TRUE(registry.add_library(fixture("fixture_adapter.so")));
    const auto plugins = registry.plugins();
    ASSERT_EQ(plugins.size(), 3u);
    EXPECT_STREQ(plugins[0].manifest->name, "fixture_adapter");  // exchange_adapter sorts first
    EXPECT_STREQ(plugins[1].manifest->name, "fixture_strategy");
    EXPECT_STREQ(plugins[2].manifest->name, "quoter");
}

TEST(PluginRegistry, ListsLibraryFilesOnTheSearchPaths) {
    PluginRegistry registry({empty_dir(), fixture_dir()});
    const auto files = registry.library_files();
    const std::vector<std::filesystem::path> expected{
        fixture("abi_mismatch.so"),     fixture("bad_manifest.so"),     fixture("build_id_mismatch.so"),
        fixture("fixture_adapter.so"),  fixture("fixture_strategy.so"), fixture("fixture_strategy_twin.so"),
        fixture("not_a_plugin.so"),     fixture("null_manifest.so"),    fixture("unloadable_strategy.so"),
        fixture("unresolved_symbol.so")};
    EXPECT_EQ(files, expected);
}

}  // namespace
}  // namespace trellis::host
