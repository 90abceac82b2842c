// StrategyWindows: one window per host strategy or one shared, allocated in
// start(), and snapshots that bring back every event at its exact time.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "risk_rule_support/strategy_windows.hpp"

using namespace trellis;
using trellis::risk::SavedWindows;
using trellis::risk::StrategyWindows;

namespace {

constexpr Duration kSecond = 1'000'000'000;
constexpr SnapshotMagic kMagic{'T', 'E', 'S', 'T'};

std::vector<std::byte> snapshot_of(const StrategyWindows& w, Timestamp now) {
    StateWriter out(kMagic, 1);
    w.write(out, now);
    return std::move(out).take();
}

bool restore_into(StrategyWindows& w, const std::vector<std::byte>& bytes) {
    StateReader in(bytes);
    SavedWindows saved;
    if (!in.read_header(kMagic, 1, "test") || !StrategyWindows::read(in, saved) || !in.at_end()) return false;
    w.restore(std::move(saved));
    return true;
}

std::vector<Timestamp> times_in(EventWindow& w, Timestamp now) {
    std::vector<Timestamp> out;
    w.for_each(now, [&](Timestamp ts) { out.push_back(ts); });
    return out;
}

TEST(StrategyWindows, PerStrategyWindowsAreSizedFromTheHostInStart) {
    StrategyWindows w(true, kSecond, 10);
    EXPECT_EQ(w.size(), 0u);  // nothing allocated before start()
    EXPECT_EQ(w.find(0), nullptr);
    w.start(3);
    ASSERT_EQ(w.size(), 3u);
    w.find(0)->record(100);
    w.find(2)->record(100);
    w.find(2)->record(200);
    EXPECT_EQ(w.find(0)->count(300), 1u);
    EXPECT_EQ(w.find(1)->count(300), 0u);
    EXPECT_EQ(w.find(2)->count(300), 2u);
    EXPECT_EQ(w.find(3), nullptr);  // the host has no strategy 3
}

TEST(StrategyWindows, SharedWindowServesEveryStrategy) {
    StrategyWindows w(false, kSecond, 10);
    w.start(3);
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(w.find(0), w.find(1000));
    w.find(7)->record(5);
    EXPECT_EQ(w.find(0)->count(5), 1u);
}

TEST(StrategyWindows, RestoredEventsKeepTheirExactTimes) {
    StrategyWindows before(true, kSecond, 10);
    before.start(2);
    before.find(0)->record(0);            // leaves at 1 s
    before.find(0)->record(kSecond / 2);  // leaves at 1.5 s
    before.find(1)->record(kSecond / 2);
    const auto bytes = snapshot_of(before, kSecond / 2 + 10);

    StrategyWindows after(true, kSecond, 10);
    ASSERT_TRUE(restore_into(after, bytes));  // before start(): replayed by it
    after.start(2);
    EXPECT_EQ(after.find(0)->count(kSecond - 1), 2u);
    EXPECT_EQ(after.find(0)->count(kSecond), 1u);  // the first left exactly when the original would have
    EXPECT_EQ(after.find(0)->count(kSecond + kSecond / 2 - 1), 1u);
    EXPECT_EQ(after.find(0)->count(kSecond + kSecond / 2), 0u);
    EXPECT_EQ(after.find(1)->count(kSecond), 1u);
}

TEST(StrategyWindows, SnapshotLeavesOutWhatHasLeftTheWindow) {
    StrategyWindows w(false, kSecond, 10);
    w.start(1);
    w.find(0)->record(0);
    w.find(0)->record(kSecond);
    StrategyWindows after(false, kSecond, 10);
    after.start(1);
    after.find(0)->record(3);  // replaced by the restore
    ASSERT_TRUE(restore_into(after, snapshot_of(w, kSecond)));
    EXPECT_EQ(times_in(*after.find(0), kSecond), std::vector<Timestamp>{kSecond});
}

TEST(StrategyWindows, ModeChangesStayOnTheSafeSide) {
    StrategyWindows per(true, kSecond, 10);
    per.start(3);
    per.find(0)->record(3);
    per.find(1)->record(1);
    per.find(1)->record(2);
    const auto per_bytes = snapshot_of(per, 3);

    StrategyWindows shared(false, kSecond, 10);
    ASSERT_TRUE(restore_into(shared, per_bytes));
    shared.start(3);
    EXPECT_EQ(times_in(*shared.find(0), 3), (std::vector<Timestamp>{1, 2, 3}));  // merged in time order

    const auto shared_bytes = snapshot_of(shared, 3);
    StrategyWindows per_again(true, kSecond, 10);
    per_again.start(2);
    ASSERT_TRUE(restore_into(per_again, shared_bytes));
    EXPECT_EQ(per_again.find(0)->count(3), 3u);  // the shared events charged to each strategy
    EXPECT_EQ(per_again.find(1)->count(3), 3u);
}

TEST(StrategyWindows, StrategiesTheHostNoLongerHasAreDropped) {
    StrategyWindows per(true, kSecond, 10);
    per.start(3);
    per.find(2)->record(1);
    per.find(1)->record(1);
    StrategyWindows fewer(true, kSecond, 10);
    ASSERT_TRUE(restore_into(fewer, snapshot_of(per, 1)));
    fewer.start(2);
    EXPECT_EQ(fewer.find(1)->count(1), 1u);
    EXPECT_EQ(fewer.find(2), nullptr);
}

TEST(StrategyWindows, ASmallerCapacityKeepsTheNewestEvents) {
    StrategyWindows big(false, kSecond, 50);
    big.start(1);
    for (Timestamp t = 1; t <= 40; ++t) big.find(0)->record(t);
    StrategyWindows small(false, kSecond, 5);
    small.start(1);
    ASSERT_TRUE(restore_into(small, snapshot_of(big, 40)));
    EXPECT_EQ(times_in(*small.find(0), 40), (std::vector<Timestamp>{36, 37, 38, 39, 40}));
}

TEST(StrategyWindows, TruncatedOrBackwardTimesAreRefused) {
    StrategyWindows w(false, kSecond, 5);
    w.start(1);
    w.find(0)->record(1);
    w.find(0)->record(2);
    auto cut = snapshot_of(w, 2);
    cut.pop_back();
    StrategyWindows other(false, kSecond, 5);
    EXPECT_FALSE(restore_into(other, cut));

    StateWriter backwards(kMagic, 1);
    backwards.put(std::uint8_t{0});
    backwards.put(std::uint32_t{1});  // one window
    backwards.put(std::uint32_t{2});  // two events...
    backwards.put(Timestamp{5});
    backwards.put(Timestamp{4});  // ...going back in time
    EXPECT_FALSE(restore_into(other, std::move(backwards).take()));
}

TEST(StrategyWindows, BuiltFromTheSharedParams) {
    Params p;
    p.set("window_ms", std::int64_t{250});
    p.set("per_strategy", true);
    StrategyWindows w = risk::windows_from_params(p, 7, "some_rule");
    w.start(3);
    ASSERT_EQ(w.size(), 3u);
    EXPECT_EQ(w.at(0).window(), 250'000'000);
    EXPECT_EQ(w.at(2).capacity(), 7u);

    p.set("window_ms", std::int64_t{0});
    try {
        risk::windows_from_params(p, 7, "some_rule");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "some_rule: params.window_ms = 0 must be at least 1 (milliseconds)");
    }
}

TEST(StrategyWindows, UnknownStrategyIsRejectedWithTheHostsCount) {
    StrategyWindows w(true, kSecond, 1);
    w.start(4);
    EXPECT_EQ(w.reject_unknown(9).reason.view(), "strategy 9 beyond the host's 4 strategies");
}

}  // namespace

namespace {

TEST(StrategyWindows, ARestoredButUnstartedSetHandsItsEventsOn) {
    StrategyWindows w(true, kSecond, 10);
    w.start(2);
    w.find(1)->record(7);
    StrategyWindows restored(true, kSecond, 10);
    ASSERT_TRUE(restore_into(restored, snapshot_of(w, 7)));
    const SavedWindows saved = restored.saved(5 * kSecond);  // not replayed yet: nothing has expired
    ASSERT_EQ(saved.times.size(), 2u);
    EXPECT_TRUE(saved.times[0].empty());
    EXPECT_EQ(saved.times[1], std::vector<Timestamp>{7});
}

}  // namespace
