// Reading must not allocate per row: memory would otherwise grow (or churn)
// with the file. The global operator new is replaced to count allocations, and
// after the first rows have sized the reusable buffers the count must stay put.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "allocation_counter.hpp"
#include "marketdata/convert.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

// Allocations while reading everything after the first `warmup` events.
std::uint64_t allocations_after_warmup(const std::string& path, std::uint64_t warmup, std::uint64_t& events) {
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    const auto source = open_sample(path, table);
    if (!source) return ~std::uint64_t{0};
    events = 0;
    std::uint64_t before = 0;
    const auto read = for_each_event(*source, [&](const MarketEvent&) {
        if (++events == warmup) before = trellis::test::allocations();
    });
    EXPECT_TRUE(read.has_value()) << read.error().message;
    return trellis::test::allocations() - before;
}

}  // namespace

TEST(Streaming, LobsterReadsWithoutAllocatingPerRow) {
    std::uint64_t events = 0;
    EXPECT_EQ(allocations_after_warmup(kLobsterMessages, 10, events), 0u);
    EXPECT_EQ(events, 112'586u);
}

TEST(Streaming, BinanceReadsWithoutAllocatingPerRow) {
    std::uint64_t events = 0;
    EXPECT_EQ(allocations_after_warmup(kBinance, 10, events), 0u);
    EXPECT_EQ(events, 500u);
}

TEST(Streaming, BinaryReadsWithoutAllocating) {
    ScratchDir dir;
    ASSERT_TRUE(convert(kLobsterMessages, dir.path("a.tev")).has_value());
    std::uint64_t events = 0;
    EXPECT_EQ(allocations_after_warmup(dir.path("a.tev"), 1, events), 0u);
    EXPECT_EQ(events, 112'586u);
}

TEST(Streaming, TheCounterSeesAllocations) {
    // Guards the tests above against a counter that never counts.
    const std::uint64_t before = trellis::test::allocations();
    auto* p = new std::string(100, 'x');
    delete p;
    EXPECT_GE(trellis::test::allocations() - before, 1u);
}
