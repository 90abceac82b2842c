#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "util/suggest.hpp"

using namespace trellis::host;

TEST(Suggest, EditDistance) {
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(Suggest, FindsClosePlausibleKey) {
    const std::array<std::string_view, 3> keys{"tick_size", "lot_size", "symbol"};
    EXPECT_EQ(did_you_mean("tick_sise", keys), " (did you mean 'tick_size'?)");
    EXPECT_EQ(did_you_mean("symbl", keys), " (did you mean 'symbol'?)");
    EXPECT_EQ(did_you_mean("completely_unrelated", keys), "");
}
