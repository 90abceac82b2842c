#include <gtest/gtest.h>

#include "plugin/instance_names.hpp"

namespace trellis::host {
namespace {

TEST(InstanceNames, SecondDeclarationPointsAtTheFirst) {
    InstanceNameSet names;
    EXPECT_TRUE(names.claim("mm1", "cfg.toml:10:8: strategies[0].name"));
    EXPECT_TRUE(names.claim("mm2", "cfg.toml:20:8: strategies[1].name"));
    const auto again = names.claim("mm1", "cfg.toml:30:8: strategies[2].name");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message,
              "cfg.toml:30:8: strategies[2].name: duplicate instance name 'mm1' (first declared at cfg.toml:10:8: "
              "strategies[0].name); give every instance its own name");
}

}  // namespace
}  // namespace trellis::host
