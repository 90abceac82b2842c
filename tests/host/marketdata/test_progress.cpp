// progress(): 0 before the first event, never decreasing, 1 at the end, and in
// between exactly the share of the input consumed (bytes for text, records
// for binary files).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "marketdata/convert.hpp"
#include "marketdata/line_reader.hpp"
#include "marketdata/merged_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

// Bytes of `path` up to and including its `lines`-th newline.
std::uint64_t bytes_through_line(const std::string& path, int lines) {
    const std::string text = read_text(path);
    std::size_t end = 0;
    for (int i = 0; i < lines; ++i) end = text.find('\n', end) + 1;
    return end;
}

double file_share(std::uint64_t bytes, const std::string& path) {
    return double(bytes) / double(std::filesystem::file_size(path));
}

struct Walk {
    double at_start = -1;
    double after_first_event = -1;
    double at_end = -1;
    std::uint64_t events = 0;
};

// Reads `source` to its end, checking after every event that progress() stays
// within 0..1 and never decreases.
Walk walk(MarketDataSource& source) {
    Walk w;
    w.at_start = source.progress();
    double previous = std::max(0.0, w.at_start);
    const auto read = for_each_event(source, [&](const MarketEvent&) {
        const double p = source.progress();
        if (++w.events == 1) w.after_first_event = p;
        if (p < previous || p > 1.0)
            ADD_FAILURE() << "progress went from " << previous << " to " << p << " at event " << w.events;
        previous = p;
    });
    EXPECT_TRUE(read.has_value()) << read.error().message;
    w.at_end = source.progress();
    return w;
}

// Opens a sample file as the tools do and walks it.
Walk walk_sample(const std::string& path) {
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    const auto source = open_sample(path, table);
    return source ? walk(*source) : Walk{};
}

// A source over `count` events one nanosecond apart, from `first_ts`, that
// reports progress as events handed out / count.
class CountingSource final : public MarketDataSource {
public:
    CountingSource(Timestamp first_ts, std::uint64_t count) : first_ts_(first_ts), count_(count) {}
    Result<bool> next(MarketEvent& event) override {
        if (next_ == count_) return false;
        event = MarketEvent{};
        event.ts = first_ts_ + Timestamp(next_++);
        return true;
    }
    const SourceStats& stats() const override { return stats_; }
    double progress() const override { return double(next_) / double(count_); }

private:
    Timestamp first_ts_;
    std::uint64_t count_;
    std::uint64_t next_ = 0;
    SourceStats stats_;
};

// A source that cannot tell how far it is (the interface's default).
class SilentSource final : public MarketDataSource {
public:
    explicit SilentSource(std::vector<Timestamp> times) : times_(std::move(times)) {}
    Result<bool> next(MarketEvent& event) override {
        if (next_ == times_.size()) return false;
        event = MarketEvent{};
        event.ts = times_[next_++];
        return true;
    }
    const SourceStats& stats() const override { return stats_; }

private:
    std::vector<Timestamp> times_;
    std::size_t next_ = 0;
    SourceStats stats_;
};

MergedSource merge(std::unique_ptr<MarketDataSource> a, std::unique_ptr<MarketDataSource> b, TimeWindow window = {}) {
    std::vector<std::unique_ptr<MarketDataSource>> sources;
    sources.push_back(std::move(a));
    sources.push_back(std::move(b));
    return MergedSource(std::move(sources), window);
}

double progress_after(MergedSource& merged, int events) {
    MarketEvent event;
    for (int i = 0; i < events; ++i) EXPECT_TRUE(merged.next(event).value());
    return merged.progress();
}

}  // namespace

TEST(Progress, LineReaderCountsBytesHandedOutNotBuffered) {
    ScratchDir dir;
    // "one\n" + "two\r\n" + "three" = 4 + 5 + 5 = 14 bytes; a 16-byte buffer reads
    // them all at once, yet progress moves line by line.
    auto reader = LineReader::open(dir.write("a.txt", "one\ntwo\r\nthree"), 16);
    ASSERT_TRUE(reader.has_value());
    EXPECT_EQ(reader->size_bytes(), 14u);
    EXPECT_EQ(reader->progress(), 0.0);
    std::string_view line;
    ASSERT_TRUE(reader->next(line).value());
    EXPECT_EQ(reader->bytes_consumed(), 4u);
    EXPECT_DOUBLE_EQ(reader->progress(), 4.0 / 14);
    ASSERT_TRUE(reader->next(line).value());
    EXPECT_DOUBLE_EQ(reader->progress(), 9.0 / 14);
    ASSERT_TRUE(reader->next(line).value());  // "three", without a final newline
    EXPECT_EQ(reader->progress(), 1.0);
    EXPECT_FALSE(reader->next(line).value());
    EXPECT_EQ(reader->progress(), 1.0);
}

TEST(Progress, LineReaderEdgeCases) {
    ScratchDir dir;
    auto empty = LineReader::open(dir.write("empty.txt", ""));
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->progress(), 1.0);            // nothing to read is all read
    auto device = LineReader::open("/dev/null");  // not a regular file: no size to measure against
    ASSERT_TRUE(device.has_value());
    EXPECT_EQ(device->size_bytes(), std::nullopt);
    EXPECT_LT(device->progress(), 0.0);
}

TEST(Progress, LobsterCountsBothFiles) {
    const Walk w = walk_sample(kLobsterMessages);
    EXPECT_EQ(w.at_start, 0.0);
    EXPECT_EQ(w.events, 112'586u);
    // The first event is the first data row of each file (after its header line).
    const double expected =
        double(bytes_through_line(kLobsterMessages, 2) + bytes_through_line(kLobsterOrderbook, 2)) /
        double(std::filesystem::file_size(kLobsterMessages) + std::filesystem::file_size(kLobsterOrderbook));
    EXPECT_DOUBLE_EQ(w.after_first_event, expected);
    EXPECT_EQ(w.at_end, 1.0);
}

TEST(Progress, BinanceCountsBytes) {
    const Walk w = walk_sample(kBinance);
    EXPECT_EQ(w.at_start, 0.0);
    EXPECT_EQ(w.events, 500u);
    EXPECT_DOUBLE_EQ(w.after_first_event, file_share(bytes_through_line(kBinance, 2), kBinance));  // header + row 1
    EXPECT_EQ(w.at_end, 1.0);
}

TEST(Progress, CoinbaseCountsBytes) {
    const Walk w = walk_sample(kCoinbase);
    EXPECT_EQ(w.at_start, 0.0);
    EXPECT_GT(w.events, 0u);
    // Line 1 is the subscriptions message (no events); line 2, the snapshot, gives the first.
    EXPECT_DOUBLE_EQ(w.after_first_event, file_share(bytes_through_line(kCoinbase, 2), kCoinbase));
    EXPECT_EQ(w.at_end, 1.0);
}

TEST(Progress, BinaryCountsRecords) {
    ScratchDir dir;
    ASSERT_TRUE(convert(kBinance, dir.path("b.tev")).has_value());
    const Walk w = walk_sample(dir.path("b.tev"));
    EXPECT_EQ(w.at_start, 0.0);
    EXPECT_EQ(w.events, 500u);
    EXPECT_DOUBLE_EQ(w.after_first_event, 1.0 / 500);
    EXPECT_EQ(w.at_end, 1.0);
}

TEST(Progress, MergedIsTheMeanOfItsSources) {
    // A: 4 events at ts 0..3; B: 2 events at ts 10..11. The first three events
    // all come from A: A is 3/4 through, B 1/2 (its head is already pulled).
    MergedSource merged = merge(std::make_unique<CountingSource>(0, 4), std::make_unique<CountingSource>(10, 2));
    EXPECT_EQ(merged.progress(), 0.0);
    EXPECT_DOUBLE_EQ(progress_after(merged, 3), (3.0 / 4 + 1.0 / 2) / 2);
    const Walk rest = walk(merged);
    EXPECT_EQ(rest.at_end, 1.0);
}

TEST(Progress, MergedIgnoresSourcesThatCannotTell) {
    MergedSource merged =
        merge(std::make_unique<CountingSource>(0, 4), std::make_unique<SilentSource>(std::vector<Timestamp>{10}));
    EXPECT_DOUBLE_EQ(progress_after(merged, 2), 2.0 / 4);  // the silent source does not pull the mean down

    MergedSource silent = merge(std::make_unique<SilentSource>(std::vector<Timestamp>{1, 2}),
                                std::make_unique<SilentSource>(std::vector<Timestamp>{3}));
    EXPECT_LT(progress_after(silent, 1), 0.0);
    MarketEvent event;
    while (silent.next(event).value()) {
    }
    EXPECT_EQ(silent.progress(), 1.0);  // the end is known even so
}

TEST(Progress, MergedWithAWindowEndCountsTheWindowPassed) {
    // Events at ts 0..99, window [.., 50): the stream ends at ts 50, half way
    // through the file. After the event at ts 20 (the 21st), the file is 21 %
    // read but (20 - 0) / (50 - 0) = 40 % of the window has passed.
    MergedSource merged = merge(std::make_unique<CountingSource>(0, 100),
                                std::make_unique<SilentSource>(std::vector<Timestamp>{}), TimeWindow{.end = 50});
    EXPECT_DOUBLE_EQ(progress_after(merged, 21), 0.4);
    // With a start, the window is measured from there. After the events at ts
    // 10..20, 21 of the 100 events were read (ts 0..9 skipped), but
    // (20 - 10) / (50 - 10) = 25 % of the window has passed.
    MergedSource started =
        merge(std::make_unique<CountingSource>(0, 100), std::make_unique<SilentSource>(std::vector<Timestamp>{}),
              TimeWindow{.start = 10, .end = 50});
    EXPECT_DOUBLE_EQ(progress_after(started, 11), 0.25);  // events at ts 10..20
    const Walk rest = walk(merged);
    EXPECT_EQ(rest.at_end, 1.0);  // ended at the window's end with half the file unread
}
