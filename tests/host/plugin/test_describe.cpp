// describe(): the text `trellis plugins` shows for one plugin.
#include <gtest/gtest.h>

#include "plugin/describe.hpp"
#include "plugin/manifest_check.hpp"
#include "plugin/plugin_library.hpp"
#include "test_plugins.hpp"

namespace trellis::host {
namespace {

TEST(Describe, PrintsManifestAndParameterTable) {
    const std::string expected =
        "strategy quoter 2.0.0\n"
        "  from:     built-in\n"
        "  sdk abi:  " +
        std::to_string(kAbiVersion) +
        "\n"
        "  build id: " +
        std::string(host_build_id()) +
        "\n"
        "  parameters:\n"
        "    key           type    default   range      doc\n"
        "    symbol        string  required  -          instrument to quote\n"
        "    spread_ticks  int     2         [1, 100]   distance below the best bid, in ticks\n"
        "    size          float   1.5       [0, 1000]  order size, in lots\n"
        "    enabled       bool    true      -          submit orders at all\n"
        "    tag           string  \"mm\"      -          label on every order\n"
        "    max_loss      float   0         >= 0       stop after losing this much\n";
    EXPECT_EQ(describe(testing::kQuoter, "built-in"), expected);
}

TEST(Describe, PluginWithoutParameters) {
    const auto library = PluginLibrary::load(testing::fixture("fixture_adapter.so"));
    ASSERT_TRUE(library) << library.error().message;
    const std::string expected =
        "exchange_adapter fixture_adapter 0.3.1\n"
        "  sdk abi:  " +
        std::to_string(kAbiVersion) +
        "\n"
        "  build id: " +
        std::string(host_build_id()) +
        "\n"
        "  parameters: none\n";
    EXPECT_EQ(describe((*library)->manifest()), expected);
}

}  // namespace
}  // namespace trellis::host
