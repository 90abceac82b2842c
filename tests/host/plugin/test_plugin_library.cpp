// PluginLibrary::load against real .so files: one good library and one
// fixture per refusal, each message naming the file and the cause.
#include <gtest/gtest.h>

#include <fstream>

#include "plugin/manifest_check.hpp"
#include "plugin/plugin_library.hpp"
#include "test_plugins.hpp"

namespace trellis::host {
namespace {

using testing::fixture;
using testing::quoted_fixture;

TEST(PluginLibrary, LoadsAGoodPlugin) {
    const auto library = PluginLibrary::load(fixture("fixture_strategy.so"));
    ASSERT_TRUE(library) << library.error().message;
    const PluginManifest& m = (*library)->manifest();
    EXPECT_EQ(m.kind, PluginKind::Strategy);
    EXPECT_STREQ(m.name, "fixture_strategy");
    EXPECT_STREQ(m.version, "1.0.0");
    EXPECT_EQ(m.param_count, 4u);
    EXPECT_EQ((*library)->path(), fixture("fixture_strategy.so"));
}

TEST(PluginLibrary, RefusesAMissingFile) {
    const auto library = PluginLibrary::load(fixture("does_not_exist.so"));
    ASSERT_FALSE(library);
    EXPECT_EQ(library.error().message, "plugin library " + quoted_fixture("does_not_exist.so") +
                                           " does not exist; check the path or build the plugin");
}

TEST(PluginLibrary, RefusesAFileThatIsNotELF) {
    const auto file = std::filesystem::temp_directory_path() / ("trellis_garbage_" + std::to_string(getpid()) + ".so");
    {
        std::ofstream out(file);
        for (int i = 0; i < 20; ++i) out << "this is not an ELF file\n";
    }
    const auto library = PluginLibrary::load(file);
    std::filesystem::remove(file);
    ASSERT_FALSE(library);
    const std::string& message = library.error().message;
    EXPECT_TRUE(message.starts_with("cannot load plugin library '" + file.string() + "': ")) << message;
    EXPECT_NE(message.find("invalid ELF header"), std::string::npos) << message;
}

TEST(PluginLibrary, RefusesALibraryWithAnUnresolvedSymbolAtLoadTime) {
    const auto library = PluginLibrary::load(fixture("unresolved_symbol.so"));
    ASSERT_FALSE(library);
    const std::string& message = library.error().message;
    EXPECT_TRUE(message.starts_with("cannot load plugin library " + quoted_fixture("unresolved_symbol.so") + ": "))
        << message;
    EXPECT_NE(message.find("undefined symbol: trellis_fixture_function_nobody_defines"), std::string::npos) << message;
}

TEST(PluginLibrary, RefusesALibraryWithoutTheEntrySymbol) {
    const auto library = PluginLibrary::load(fixture("not_a_plugin.so"));
    ASSERT_FALSE(library);
    EXPECT_EQ(library.error().message, quoted_fixture("not_a_plugin.so") +
                                           " is not a Trellis plugin: it does not export 'trellis_plugin_entry'; "
                                           "export one with TRELLIS_PLUGIN(...) from trellis/plugin.hpp");
}

TEST(PluginLibrary, RefusesANullManifest) {
    const auto library = PluginLibrary::load(fixture("null_manifest.so"));
    ASSERT_FALSE(library);
    EXPECT_EQ(library.error().message, quoted_fixture("null_manifest.so") +
                                           ": 'trellis_plugin_entry' returned no manifest (null); the plugin is "
                                           "broken, rebuild it with TRELLIS_PLUGIN(...)");
}

TEST(PluginLibrary, RefusesAnotherAbiVersion) {
    const auto library = PluginLibrary::load(fixture("abi_mismatch.so"));
    ASSERT_FALSE(library);
    EXPECT_EQ(library.error().message, quoted_fixture("abi_mismatch.so") + ": built against SDK ABI 999, host speaks " +
                                           std::to_string(trellis::kAbiVersion) +
                                           "; rebuild the plugin against this host's SDK");
}

TEST(PluginLibrary, RefusesAnotherBuildIdAndShowsBoth) {
    const auto library = PluginLibrary::load(fixture("build_id_mismatch.so"));
    ASSERT_FALSE(library);
    EXPECT_EQ(library.error().message, quoted_fixture("build_id_mismatch.so") +
                                           ": built with a different toolchain: plugin build id 'other-compiler', "
                                           "host build id '" +
                                           std::string(host_build_id()) +
                                           "'; rebuild the plugin with the host's compiler, flags and Boost");
    // The host id really is the toolchain identity, not a placeholder.
    EXPECT_TRUE(host_build_id().starts_with("gcc ")) << host_build_id();
}

TEST(PluginLibrary, ReportsEveryManifestProblem) {
    const auto library = PluginLibrary::load(fixture("bad_manifest.so"));
    ASSERT_FALSE(library);
    const std::string file = quoted_fixture("bad_manifest.so");
    EXPECT_EQ(library.error().message,
              file + ": invalid plugin manifest: empty plugin name\n" + file +
                  ": invalid plugin manifest: parameter 'depth' has a bad default: 'ten' is not an int\n" + file +
                  ": invalid plugin manifest: parameter 'depth' is declared twice\n" + file +
                  ": invalid plugin manifest: parameter 'ratio' has default 1.5, above the maximum 1");
}

}  // namespace
}  // namespace trellis::host
