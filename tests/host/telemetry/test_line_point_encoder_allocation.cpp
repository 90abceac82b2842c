// Once warm, appending a point must not touch the heap: counts global operator new calls.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "allocation_counter.hpp"
#include "telemetry/line_point_encoder.hpp"

namespace trellis::host::telemetry {
namespace {

TEST(LinePointEncoderAllocation, WarmEncoderAndBufferDoNotAllocate) {
    LinePointEncoder encoder(4);
    std::string out;
    out.reserve(1 << 16);
    const Tag tags[] = {{"venue", "binance"}, {"symbol", "BTC USDT"}, {"side", "buy,sell"}};
    const Field fields[] = {{"price", FieldValue::floating(43123.57)},
                            {"qty", FieldValue::integer(12)},
                            {"maker", FieldValue::boolean(true)},
                            {"note", FieldValue::string("a \"quoted\" \\ note")}};
    const Point point{"trades", tags, fields, 1700000000123456789};
    ASSERT_TRUE(encoder.append(out, point));  // warm-up
    out.clear();

    const std::uint64_t before = trellis::test::allocations();
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(encoder.append(out, point).has_value());
    EXPECT_EQ(trellis::test::allocations() - before, 0u);
    EXPECT_EQ(out.substr(0, out.find('\n') + 1),
              "trades,side=buy\\,sell,symbol=BTC\\ USDT,venue=binance price=43123.57,qty=12i,maker=true,"
              "note=\"a \\\"quoted\\\" \\\\ note\" 1700000000123456789\n");
}

}  // namespace
}  // namespace trellis::host::telemetry
