#include <gtest/gtest.h>

#include "marketdata/coinbase_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

constexpr Timestamp kSnapshotTime = 1'705'943'267'835'079'000;  // 2024-01-22T17:07:47.835079Z

InstrumentTable btc_usd_table() {
    InstrumentTable table;
    EXPECT_TRUE(table.add("BTC-USD", 2, 8, Price{1}, Quantity{1}).has_value());
    return table;
}

Result<std::unique_ptr<CoinbaseSource>> open_coinbase(const std::string& path, InstrumentTable& table,
                                                      bool skip = false, std::size_t depth = 1024) {
    SourceOptions options;
    options.path = path;
    options.skip_bad_rows = skip;
    options.book_depth = depth;
    return CoinbaseSource::open(options, table);
}

std::vector<MarketEvent> read_sample(std::size_t depth = 1024) {
    InstrumentTable table = btc_usd_table();
    auto source = open_coinbase(kCoinbase, table, false, depth);
    EXPECT_TRUE(source.has_value()) << source.error().message;
    return drain(**source);
}

std::vector<MarketEvent> quotes_of(const std::vector<MarketEvent>& events) {
    std::vector<MarketEvent> quotes;
    for (const MarketEvent& e : events)
        if (e.type == MarketEventType::Quote) quotes.push_back(e);
    return quotes;
}

}  // namespace

TEST(CoinbaseSource, SnapshotBecomesFlaggedBookLevels) {
    const auto events = read_sample();
    // The README speaks of 50 levels a side, but the captured snapshot is the
    // full book: 10,158 asks then 17,451 bids, in the message's order.
    std::size_t bids = 0, asks = 0;
    std::size_t i = 0;
    for (; i < events.size() && (events[i].flags & kFlagSnapshot); ++i) {
        EXPECT_EQ(events[i].type, MarketEventType::BookLevel);
        EXPECT_EQ(events[i].ts, kSnapshotTime);
        (events[i].side == Side::Buy ? bids : asks)++;
    }
    EXPECT_EQ(bids, 17'451u);
    EXPECT_EQ(asks, 10'158u);
    // First ask and bid as listed: ["40464.02","0.08096000"] and ["40464.01","0.01500000"].
    EXPECT_EQ(events[0].side, Side::Sell);
    EXPECT_EQ(events[0].level.price.raw, 4'046'402);
    EXPECT_EQ(events[0].level.qty.raw, 8'096'000);
    EXPECT_EQ(events[asks].side, Side::Buy);
    EXPECT_EQ(events[asks].level.price.raw, 4'046'401);
    EXPECT_EQ(events[asks].level.qty.raw, 1'500'000);

    // Then the quote derived from the snapshot: best bid 40464.01 × 0.015, best ask 40464.02 × 0.08096.
    ASSERT_LT(i, events.size());
    const MarketEvent& quote = events[i];
    EXPECT_EQ(quote.type, MarketEventType::Quote);
    EXPECT_EQ(quote.ts, kSnapshotTime);
    EXPECT_EQ(quote.quote.bid.raw, 4'046'401);
    EXPECT_EQ(quote.quote.bid_qty.raw, 1'500'000);
    EXPECT_EQ(quote.quote.ask.raw, 4'046'402);
    EXPECT_EQ(quote.quote.ask_qty.raw, 8'096'000);
}

TEST(CoinbaseSource, UpdatesBecomeBookLevelsAndQuotesFollowTheBook) {
    const auto events = read_sample();
    std::size_t snapshot = 0, updates = 0;
    for (const MarketEvent& e : events)
        if (e.type == MarketEventType::BookLevel) ((e.flags & kFlagSnapshot) ? snapshot : updates)++;
    EXPECT_EQ(snapshot, 27'609u);
    EXPECT_EQ(updates, 8'880u);  // one per change in the 121 l2update messages

    // Counted by replaying the file with exact decimals: the best bid/ask changes 94 times after the snapshot.
    const auto quotes = quotes_of(events);
    ASSERT_EQ(quotes.size(), 95u);
    EXPECT_EQ(events.size(), 27'609u + 8'880u + 95u);

    // The first l2update removes the best ask (["sell","40464.02","0.00000000"]):
    // the next ask is 40468.32 × 0.01971233, added by the same message.
    EXPECT_EQ(quotes[1].ts, 1'705'943'267'941'051'000);
    EXPECT_EQ(quotes[1].quote.bid.raw, 4'046'401);
    EXPECT_EQ(quotes[1].quote.ask.raw, 4'046'832);
    EXPECT_EQ(quotes[1].quote.ask_qty.raw, 1'971'233);

    const MarketEvent& last = quotes.back();
    EXPECT_EQ(last.quote.bid.raw, 4'045'959);
    EXPECT_EQ(last.quote.bid_qty.raw, 14'355'351);
    EXPECT_EQ(last.quote.ask.raw, 4'046'532);
    EXPECT_EQ(last.quote.ask_qty.raw, 2'000'000);
    EXPECT_EQ(events.back().ts, 1'705'943'288'622'233'000);  // 2024-01-22T17:08:08.622233Z
}

TEST(CoinbaseSource, ABookOfFiftyLevelsDerivesTheSameQuotes) {
    // level2_50 keeps the top 50 levels fresh, so a 50-deep book is enough.
    const auto full = quotes_of(read_sample(1024));
    const auto shallow = quotes_of(read_sample(50));
    expect_same_events(shallow, full);
}

TEST(CoinbaseSource, SizeZeroRemovesALevel) {
    ScratchDir dir;
    const std::string path = dir.write(
        "feed.jsonl",
        R"({"type":"snapshot","product_id":"BTC-USD","bids":[["100.00","1"],["99.50","2"]],"asks":[["101.00","3"]],"time":"2024-01-22T17:07:47Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["buy","100.00","0.00000000"]],"time":"2024-01-22T17:07:48.5Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["sell","101.00","0"]],"time":"2024-01-22T17:07:49.000000001Z"})");
    InstrumentTable table = btc_usd_table();
    auto source = open_coinbase(path, table);
    ASSERT_TRUE(source.has_value());
    const auto events = drain(**source);
    // snapshot: 3 levels + quote; each update: 1 level + quote
    ASSERT_EQ(events.size(), 8u);
    const MarketEvent& removal = events[4];
    EXPECT_EQ(removal.type, MarketEventType::BookLevel);
    EXPECT_EQ(removal.flags, kFlagNone);
    EXPECT_EQ(removal.side, Side::Buy);
    EXPECT_EQ(removal.level.price.raw, 10'000);
    EXPECT_EQ(removal.level.qty.raw, 0);
    EXPECT_EQ(events[5].type, MarketEventType::Quote);
    EXPECT_EQ(events[5].ts, 1'705'943'268'500'000'000);
    EXPECT_EQ(events[5].quote.bid.raw, 9'950);  // the next level moved up
    EXPECT_EQ(events[5].quote.bid_qty.raw, 200'000'000);
    EXPECT_EQ(events[5].quote.ask.raw, 10'100);
    EXPECT_EQ(events[5].quote.ask_qty.raw, 300'000'000);
    EXPECT_EQ(events[6].ts, 1'705'943'269'000'000'001);  // nanosecond time
    const MarketEvent& empty_ask = events[7];
    EXPECT_EQ(empty_ask.type, MarketEventType::Quote);
    EXPECT_EQ(empty_ask.quote.bid.raw, 9'950);
    EXPECT_EQ(empty_ask.quote.ask.raw, 0);  // the ask side is empty now
    EXPECT_EQ(empty_ask.quote.ask_qty.raw, 0);
}

TEST(CoinbaseSource, MalformedJsonIsAnErrorWithItsLine) {
    auto lines = read_lines(kCoinbase);
    lines[3] = lines[3].substr(0, 200);  // cut mid-message
    ScratchDir dir;
    const std::string path = dir.write("feed.jsonl", join_lines(lines, "\n", true));
    InstrumentTable table = btc_usd_table();
    auto strict = open_coinbase(path, table);
    ASSERT_TRUE(strict.has_value());
    MarketEvent event;
    Result<bool> more = true;
    while ((more = (*strict)->next(event)) && *more) {
    }
    ASSERT_FALSE(more.has_value());
    EXPECT_TRUE(more.error().message.starts_with(path + ":4: invalid JSON at column 201: ")) << more.error().message;

    auto skipping = open_coinbase(path, table, /*skip=*/true);
    ASSERT_TRUE(skipping.has_value());
    drain(**skipping);
    EXPECT_EQ((*skipping)->stats().rejected_rows, 1u);
    EXPECT_EQ((*skipping)->stats().rows, 123u);
}

TEST(CoinbaseSource, UnknownTypesAndBadFieldsAreExplained) {
    ScratchDir dir;
    const std::string path = dir.write(
        "feed.jsonl",
        R"({"type":"ticker","product_id":"BTC-USD","time":"2024-01-22T17:07:47Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["hold","1.00","1"]],"time":"2024-01-22T17:07:47Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.001","1"]],"time":"2024-01-22T17:07:47Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00",1]],"time":"2024-01-22T17:07:47Z"})"
        "\n"
        R"({"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00","1"]],"time":"yesterday"})"
        "\n"
        R"(["not an object"])"
        "\n");
    InstrumentTable table = btc_usd_table();
    auto source = open_coinbase(path, table, /*skip=*/true);
    ASSERT_TRUE(source.has_value());
    EXPECT_TRUE(drain(**source).empty());
    const SourceStats& stats = (*source)->stats();
    EXPECT_EQ(stats.rejected_rows, 6u);
    ASSERT_EQ(stats.first_rejections.size(), 5u);  // only the first few are kept
    EXPECT_EQ(stats.first_rejections[0],
              path + ":1: unknown message type 'ticker' (expected subscriptions, snapshot or l2update)");
    EXPECT_EQ(stats.first_rejections[1], path + ":2: changes[0] side 'hold' is neither \"buy\" nor \"sell\"");
    EXPECT_EQ(stats.first_rejections[2],
              path + ":3: price '1.001' has more than 2 decimals (the instrument's price_decimals); refusing to round");
    EXPECT_EQ(stats.first_rejections[3], path + ":4: changes[0][2] is a number, expected a string");
    EXPECT_EQ(stats.first_rejections[4],
              path + ":5: time 'yesterday' is not an RFC 3339 date-time (write e.g. 2012-06-21T09:30:00Z)");
}

TEST(CoinbaseSource, UnknownProductIsAConfigurationError) {
    InstrumentTable empty;
    auto source = open_coinbase(kCoinbase, empty, /*skip=*/true);
    ASSERT_TRUE(source.has_value());
    MarketEvent event;
    auto result = (*source)->next(event);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message, kCoinbase +
                                          ":2: instrument 'BTC-USD' is not configured; add an [[instruments]] "
                                          "entry with symbol = \"BTC-USD\" and its price_decimals/qty_decimals");
}

TEST(CoinbaseSource, SymbolFilterPassesOverOtherProducts) {
    InstrumentTable table = btc_usd_table();
    SourceOptions options;
    options.path = kCoinbase;
    options.symbol = "ETH-USD";
    auto source = CoinbaseSource::open(options, table);
    ASSERT_TRUE(source.has_value());
    EXPECT_TRUE(drain(**source).empty());
    EXPECT_EQ((*source)->stats().rows, 123u);
}
