// BreachLatch and the snapshot of a rule whose state is its latch.
#include <gtest/gtest.h>

#include <utility>

#include "risk_rule_support/breach_latch.hpp"

using namespace trellis;
using trellis::risk::BreachLatch;

namespace {

constexpr SnapshotMagic kMagic{'T', 'E', 'S', 'T'};

TEST(BreachLatch, RoundTripsThroughASnapshot) {
    BreachLatch latch;
    latch.trip(1234.5, 10000.25);
    StateWriter w(kMagic, 1);
    latch.write(w);
    const auto bytes = std::move(w).take();
    StateReader r(bytes);
    ASSERT_TRUE(r.read_header(kMagic, 1, "test"));
    BreachLatch back;
    ASSERT_TRUE(back.read(r));
    EXPECT_TRUE(r.at_end());
    EXPECT_TRUE(back.active());
    EXPECT_EQ(back.measured(), 1234.5);
    EXPECT_EQ(back.peak(), 10000.25);
    back.clear();
    EXPECT_FALSE(back.active());
}

TEST(BreachLatch, RuleSnapshotRestoresAllOrNothing) {
    BreachLatch latch;
    latch.trip(7.5, 100.0);
    const auto bytes = risk::snapshot_latch(latch, kMagic);

    BreachLatch restored;
    ASSERT_TRUE(risk::restore_latch(restored, bytes, kMagic, "test_rule"));
    EXPECT_TRUE(restored.active());
    EXPECT_EQ(restored.measured(), 7.5);
    EXPECT_EQ(restored.peak(), 100.0);

    BreachLatch untouched;
    auto cut = bytes;
    cut.pop_back();
    EXPECT_EQ(risk::restore_latch(untouched, cut, kMagic, "test_rule").message,
              "test_rule: snapshot is truncated or corrupt; start without restoring");
    auto longer = bytes;
    longer.push_back(std::byte{0});
    EXPECT_EQ(risk::restore_latch(untouched, longer, kMagic, "test_rule").message,
              "test_rule: snapshot has bytes after the last field; restore it with the version that wrote it");
    EXPECT_EQ(risk::restore_latch(untouched, bytes, SnapshotMagic{'O', 'T', 'H', 'R'}, "test_rule").message,
              "test_rule: snapshot was not written by test_rule");
    EXPECT_FALSE(untouched.active());  // a refused restore changes nothing
}

}  // namespace
