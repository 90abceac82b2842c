#include <gtest/gtest.h>

#include "marketdata/merged_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

// A source over a fixed list; the instrument field tags where an event came from.
class ListSource final : public MarketDataSource {
public:
    ListSource(InstrumentId tag, std::vector<Timestamp> times, std::string failure = {})
        : tag_(tag), times_(std::move(times)), failure_(std::move(failure)) {}
    Result<bool> next(MarketEvent& event) override {
        if (next_ == times_.size()) {
            if (!failure_.empty()) return fail(failure_);
            return false;
        }
        event = MarketEvent{};
        event.ts = times_[next_];
        event.instrument = tag_;
        event.quote.bid = Price{std::int64_t(next_++)};  // position within its source
        ++stats_.events;
        ++stats_.rows;
        return true;
    }
    const SourceStats& stats() const override { return stats_; }
    SourceStats stats_;

private:
    InstrumentId tag_;
    std::vector<Timestamp> times_;
    std::string failure_;
    std::size_t next_ = 0;
};

std::unique_ptr<MarketDataSource> list(InstrumentId tag, std::vector<Timestamp> times) {
    return std::make_unique<ListSource>(tag, std::move(times));
}

// "tag@ts" for each event, in merged order.
std::vector<std::string> merged_order(MergedSource& merged) {
    std::vector<std::string> order;
    for (const MarketEvent& e : drain(merged))
        order.push_back(std::to_string(e.instrument) + "@" + std::to_string(e.ts));
    return order;
}

}  // namespace

TEST(MergedSource, InterleavesByTimestamp) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(list(0, {1, 4, 9}));
    sources.push_back(list(1, {2, 3, 10, 11}));
    MergedSource merged(std::move(sources));
    EXPECT_EQ(merged_order(merged), (std::vector<std::string>{"0@1", "1@2", "1@3", "0@4", "0@9", "1@10", "1@11"}));
    EXPECT_EQ(merged.stats().events, 7u);
    EXPECT_EQ(merged.stats().rows, 7u);
}

TEST(MergedSource, TiesFollowTheOrderTheSourcesWereGiven) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(list(0, {5, 5, 7}));
    sources.push_back(list(1, {5, 7}));
    sources.push_back(list(2, {1, 5}));
    MergedSource merged(std::move(sources));
    EXPECT_EQ(merged_order(merged), (std::vector<std::string>{"2@1", "0@5", "0@5", "1@5", "2@5", "0@7", "1@7"}));
}

TEST(MergedSource, KeepsEachSourcesOwnOrderOnEqualTimes) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(list(0, {3, 3, 3}));
    sources.push_back(list(1, {3}));
    MergedSource merged(std::move(sources));
    const auto events = drain(merged);
    ASSERT_EQ(events.size(), 4u);
    for (std::int64_t i = 0; i < 3; ++i) EXPECT_EQ(events[std::size_t(i)].quote.bid.raw, i);
    EXPECT_EQ(events[3].instrument, 1);
}

TEST(MergedSource, CutsToTheTimeWindow) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(list(0, {1, 4, 9}));
    sources.push_back(list(1, {2, 3, 10, 11}));
    MergedSource merged(std::move(sources), TimeWindow{.start = 3, .end = 10});
    EXPECT_EQ(merged_order(merged), (std::vector<std::string>{"1@3", "0@4", "0@9"}));
    MarketEvent event;
    EXPECT_FALSE(merged.next(event).value());  // stays ended
}

TEST(MergedSource, PassesErrorsOnWhenTheFailingSourceIsNeeded) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(std::make_unique<ListSource>(0, std::vector<Timestamp>{1, 2}, "a.csv:3: broken"));
    sources.push_back(list(1, {5}));
    MergedSource merged(std::move(sources));
    MarketEvent event;
    ASSERT_TRUE(merged.next(event).value());
    ASSERT_TRUE(merged.next(event).value());
    auto failed = merged.next(event);
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().message, "a.csv:3: broken");
}

TEST(MergedSource, NoSourcesMeansNoEvents) {
    MergedSource merged({});
    MarketEvent event;
    EXPECT_FALSE(merged.next(event).value());
}
