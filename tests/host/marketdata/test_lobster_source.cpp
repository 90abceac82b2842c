#include <gtest/gtest.h>

#include <array>

#include "marketdata/lobster_source.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

// 2012-06-21 is under US daylight saving: NASDAQ's 09:30 is 13:30 UTC.
constexpr Timestamp kJune21MidnightUtc = 1'340'236'800'000'000'000;
constexpr Timestamp kEdt = 4LL * 3600 * 1'000'000'000;

InstrumentTable amzn_table(int price_decimals = 4) {
    InstrumentTable table;
    EXPECT_TRUE(table.add("AMZN", price_decimals, 0, Price{100}, Quantity{1}).has_value());
    return table;
}

Result<std::unique_ptr<LobsterSource>> open_lobster(const std::string& message_path, InstrumentTable& table,
                                                    bool skip = false) {
    SourceOptions options;
    options.path = message_path;
    options.skip_bad_rows = skip;
    return LobsterSource::open(options, table);
}

std::vector<MarketEvent> read_sample() {
    InstrumentTable table = amzn_table();
    auto source = open_lobster(kLobsterMessages, table);
    EXPECT_TRUE(source.has_value()) << source.error().message;
    return drain(**source);
}

// Writes a message/orderbook pair with LOBSTER names into `dir`; returns the message path.
std::string write_pair(const ScratchDir& dir, const std::string& messages, const std::string& orderbook,
                       const std::string& stem = "AMZN_2012-06-21_34200000_57600000") {
    dir.write(stem + "_orderbook_1.csv", orderbook);
    return dir.write(stem + "_message_1.csv", messages);
}

}  // namespace

TEST(LobsterSource, EventCountsMatchTheReadme) {
    const auto events = read_sample();
    std::array<int, 8> by_type{};
    int hidden = 0;
    for (const MarketEvent& e : events) {
        ++by_type[std::size_t(e.type)];
        if (e.type == MarketEventType::Trade && (e.flags & kFlagHiddenExecution)) ++hidden;
    }
    EXPECT_EQ(by_type[std::size_t(MarketEventType::OrderAdd)], 27'845);      // type 1
    EXPECT_EQ(by_type[std::size_t(MarketEventType::OrderReduce)], 16);       // type 2
    EXPECT_EQ(by_type[std::size_t(MarketEventType::OrderDelete)], 18'235);   // type 3
    EXPECT_EQ(by_type[std::size_t(MarketEventType::Trade)], 8'974 + 2'445);  // types 4 and 5
    EXPECT_EQ(hidden, 2'445);
    EXPECT_EQ(by_type[std::size_t(MarketEventType::Halt)], 0);
    // Orderbook rows whose level 1 differs from the row before, plus the first row.
    EXPECT_EQ(by_type[std::size_t(MarketEventType::Quote)], 55'071);
    // The README says 57,514 messages, but its own per-type counts add up to
    // 57,515, and so many data rows follow the header.
    EXPECT_EQ(events.size(), 57'515u + 55'071u);
}

TEST(LobsterSource, FirstRowsMatchTheFileByHand) {
    // 34200.01746,5,0,1,2238200,-1        book 2239500,100,2231800,100
    // 34200.18961,1,11885113,21,2238100,1 book 2239500,100,2238100,21
    // 34200.19023,4,11885113,21,2238100,1 book 2239500,100,2237500,100
    // 34200.19023,4,11534792,26,2237500,1 book 2239500,100,2237500,74
    // 34200.37278,5,0,100,2238400,-1      book unchanged → no quote
    // 34200.37567,5,0,100,2238400,-1      book unchanged → no quote
    const auto events = read_sample();
    ASSERT_GE(events.size(), 10u);
    const Timestamp open = kJune21MidnightUtc + kEdt + 34'200'000'000'000;

    const MarketEvent& hidden = events[0];
    EXPECT_EQ(hidden.type, MarketEventType::Trade);
    EXPECT_EQ(hidden.ts, open + 17'460'000);
    EXPECT_EQ(hidden.ts, 1'340'285'400'017'460'000);
    EXPECT_EQ(hidden.recv_ts, hidden.ts);
    EXPECT_EQ(hidden.instrument, 0);
    EXPECT_EQ(hidden.side, Side::Buy);  // a sell order was hit: buyer-initiated
    EXPECT_EQ(hidden.flags, kFlagHiddenExecution);
    EXPECT_EQ(hidden.trade.price.raw, 2'238'200);
    EXPECT_EQ(hidden.trade.qty.raw, 1);
    EXPECT_EQ(hidden.trade.maker_order_id, 0u);

    const MarketEvent& first_quote = events[1];
    EXPECT_EQ(first_quote.type, MarketEventType::Quote);
    EXPECT_EQ(first_quote.ts, hidden.ts);
    EXPECT_EQ(first_quote.quote.bid.raw, 2'231'800);  // $223.18
    EXPECT_EQ(first_quote.quote.bid_qty.raw, 100);
    EXPECT_EQ(first_quote.quote.ask.raw, 2'239'500);  // $223.95
    EXPECT_EQ(first_quote.quote.ask_qty.raw, 100);

    const MarketEvent& add = events[2];
    EXPECT_EQ(add.type, MarketEventType::OrderAdd);
    EXPECT_EQ(add.ts, open + 189'610'000);
    EXPECT_EQ(add.side, Side::Buy);
    EXPECT_EQ(add.order.order_id, 11'885'113u);
    EXPECT_EQ(add.order.qty.raw, 21);
    EXPECT_EQ(add.order.price.raw, 2'238'100);
    EXPECT_EQ(events[3].type, MarketEventType::Quote);
    EXPECT_EQ(events[3].quote.bid.raw, 2'238'100);
    EXPECT_EQ(events[3].quote.bid_qty.raw, 21);

    const MarketEvent& execution = events[4];
    EXPECT_EQ(execution.type, MarketEventType::Trade);
    EXPECT_EQ(execution.side, Side::Sell);  // a buy order was hit: seller-initiated
    EXPECT_EQ(execution.flags, kFlagNone);
    EXPECT_EQ(execution.trade.maker_order_id, 11'885'113u);
    EXPECT_EQ(execution.trade.qty.raw, 21);
    EXPECT_EQ(events[5].quote.bid.raw, 2'237'500);
    EXPECT_EQ(events[5].quote.bid_qty.raw, 100);
    EXPECT_EQ(events[6].trade.maker_order_id, 11'534'792u);
    EXPECT_EQ(events[7].quote.bid_qty.raw, 74);
    EXPECT_EQ(events[8].type, MarketEventType::Trade);
    EXPECT_EQ(events[8].trade.qty.raw, 100);
    EXPECT_EQ(events[9].type, MarketEventType::Trade);  // no quote after the unchanged book
    EXPECT_EQ(events[9].ts, open + 375'670'000);
}

TEST(LobsterSource, LastRowsMatchTheFileByHand) {
    // 57599.95936,3,287174077,100,2206300,-1  book 2206400,100,2205100,249
    const auto events = read_sample();
    ASSERT_GE(events.size(), 2u);
    const MarketEvent& deletion = events[events.size() - 2];
    EXPECT_EQ(deletion.type, MarketEventType::OrderDelete);
    EXPECT_EQ(deletion.ts, 1'340'308'799'959'360'000);
    EXPECT_EQ(deletion.side, Side::Sell);
    EXPECT_EQ(deletion.order.order_id, 287'174'077u);
    EXPECT_EQ(deletion.order.qty.raw, 100);
    EXPECT_EQ(deletion.order.price.raw, 2'206'300);
    const MarketEvent& last = events.back();
    EXPECT_EQ(last.type, MarketEventType::Quote);
    EXPECT_EQ(last.ts, deletion.ts);
    EXPECT_EQ(last.quote.ask.raw, 2'206'400);
    EXPECT_EQ(last.quote.ask_qty.raw, 100);
    EXPECT_EQ(last.quote.bid.raw, 2'205'100);
    EXPECT_EQ(last.quote.bid_qty.raw, 249);
}

TEST(LobsterSource, HeaderAndLineEndingVariantsGiveIdenticalEvents) {
    const auto reference = read_sample();
    auto messages = read_lines(kLobsterMessages);
    auto orderbook = read_lines(kLobsterOrderbook);
    ASSERT_EQ(messages.front(), "Time,Type,OrderId,Size,Price,Direction");
    const std::vector<std::string> bare_messages(messages.begin() + 1, messages.end());
    const std::vector<std::string> bare_orderbook(orderbook.begin() + 1, orderbook.end());

    struct Variant {
        bool header;
        const char* eol;
        bool final_newline;
    };
    for (const Variant v : {Variant{false, "\n", true}, Variant{true, "\n", true}, Variant{false, "\r\n", false},
                            Variant{true, "\n", false}}) {
        SCOPED_TRACE(std::string("header=") + (v.header ? "yes" : "no") +
                     " final_newline=" + (v.final_newline ? "yes" : "no"));
        ScratchDir dir;
        const auto& m = v.header ? messages : bare_messages;
        const auto& o = v.header ? orderbook : bare_orderbook;
        const std::string path =
            write_pair(dir, join_lines(m, v.eol, v.final_newline), join_lines(o, v.eol, v.final_newline));
        InstrumentTable table = amzn_table();
        auto source = open_lobster(path, table);
        ASSERT_TRUE(source.has_value()) << source.error().message;
        expect_same_events(drain(**source), reference);
    }
}

TEST(LobsterSource, MalformedRowIsAnErrorWithFileAndLine) {
    auto messages = read_lines(kLobsterMessages);
    ASSERT_EQ(messages[5], "34200.37278,5,0,100,2238400,-1");  // file line 6; its book row repeats line 5
    messages[5] = "34200.37278,5,abc,100,2238400,-1";
    ScratchDir dir;
    const std::string path =
        write_pair(dir, join_lines(messages, "\n", false), join_lines(read_lines(kLobsterOrderbook), "\n", false));

    InstrumentTable table = amzn_table();
    auto strict = open_lobster(path, table);
    ASSERT_TRUE(strict.has_value());
    MarketEvent event;
    Result<bool> more = true;
    int read = 0;
    while ((more = (*strict)->next(event)) && *more) ++read;
    ASSERT_FALSE(more.has_value());
    EXPECT_EQ(more.error().message, path + ":6: order id 'abc' is not a non-negative integer");
    EXPECT_EQ(read, 8);  // the four rows before it: 4 events + 4 quotes

    auto skipping = open_lobster(path, table, /*skip=*/true);
    ASSERT_TRUE(skipping.has_value());
    const auto events = drain(**skipping);
    EXPECT_EQ(events.size(), 57'515u + 55'071u - 1u);  // only the bad row's trade is gone
    const SourceStats& stats = (*skipping)->stats();
    EXPECT_EQ(stats.rows, 57'515u);
    EXPECT_EQ(stats.rejected_rows, 1u);
    ASSERT_EQ(stats.first_rejections.size(), 1u);
    EXPECT_EQ(stats.first_rejections[0], path + ":6: order id 'abc' is not a non-negative integer");
}

TEST(LobsterSource, MalformedOrderbookRowNamesTheOrderbookFile) {
    ScratchDir dir;
    const std::string path = write_pair(dir, "34200.1,1,7,10,2238100,1\n34200.2,1,8,10,2238200,1\n",
                                        "2239500,100,2238100,10\n2239500,100,oops,10\n");
    InstrumentTable table = amzn_table();
    auto source = open_lobster(path, table);
    ASSERT_TRUE(source.has_value());
    MarketEvent event;
    ASSERT_TRUE((*source)->next(event).value());
    ASSERT_TRUE((*source)->next(event).value());
    auto bad = (*source)->next(event);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message, dir.path("AMZN_2012-06-21_34200000_57600000_orderbook_1.csv") +
                                       ":2: best ask/bid prices and sizes must be integers (sizes non-negative)");
}

TEST(LobsterSource, RowCountMismatchNamesBothFiles) {
    const auto messages = read_lines(kLobsterMessages);
    const auto orderbook = read_lines(kLobsterOrderbook);
    for (const bool orderbook_shorter : {true, false}) {
        SCOPED_TRACE(orderbook_shorter ? "orderbook shorter" : "message file shorter");
        ScratchDir dir;
        auto m = messages, o = orderbook;
        (orderbook_shorter ? o : m).pop_back();
        const std::string path = write_pair(dir, join_lines(m, "\n", true), join_lines(o, "\n", true));
        InstrumentTable table = amzn_table();
        auto source = open_lobster(path, table, /*skip=*/true);  // structural: an error even in skip mode
        ASSERT_TRUE(source.has_value());
        MarketEvent event;
        Result<bool> more = true;
        while ((more = (*source)->next(event)) && *more) {
        }
        ASSERT_FALSE(more.has_value());
        const std::string msg_path = path;
        const std::string book_path = dir.path("AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
        const std::string& longer = orderbook_shorter ? msg_path : book_path;
        const std::string& shorter = orderbook_shorter ? book_path : msg_path;
        EXPECT_EQ(more.error().message, longer + ":57516: has no matching row in " + shorter +
                                            " (which ends after line 57515); the message and orderbook files must "
                                            "have the same number of rows");
    }
}

TEST(LobsterSource, HaltMessagesFollowTheLobsterEncoding) {
    ScratchDir dir;
    const std::string path = write_pair(dir,
                                        "36000.5,1,1,100,2238100,1\n"
                                        "36023,7,0,0,-1,-1\n"
                                        "36323,7,0,0,0,-1\n"
                                        "36723,7,0,0,1,-1\n",
                                        "9999999999,0,2238100,100\n"
                                        "9999999999,0,2238100,100\n"
                                        "9999999999,0,2238100,100\n"
                                        "9999999999,0,2238100,100\n");
    InstrumentTable table = amzn_table();
    auto source = open_lobster(path, table);
    ASSERT_TRUE(source.has_value());
    const auto events = drain(**source);
    ASSERT_EQ(events.size(), 5u);  // add, quote, three halts (the book rows repeat: no more quotes)
    EXPECT_EQ(events[1].type, MarketEventType::Quote);
    EXPECT_EQ(events[1].quote.ask.raw, 0);  // empty ask side: LOBSTER's 9999999999 dummy
    EXPECT_EQ(events[1].quote.ask_qty.raw, 0);
    EXPECT_EQ(events[1].quote.bid.raw, 2'238'100);
    EXPECT_EQ(events[2].type, MarketEventType::Halt);
    EXPECT_EQ(events[2].flags, kFlagHaltStart);
    EXPECT_EQ(events[2].ts, kJune21MidnightUtc + kEdt + 36'023'000'000'000);
    EXPECT_EQ(events[3].type, MarketEventType::Halt);
    EXPECT_EQ(events[3].flags, kFlagNone);  // quoting resumes, trading still halted
    EXPECT_EQ(events[4].type, MarketEventType::Halt);
    EXPECT_EQ(events[4].flags, kFlagHaltEnd);
}

TEST(LobsterSource, PricesRescaleOnlyWhenExact) {
    ScratchDir dir;
    const std::string path = write_pair(dir, "34200.1,1,7,10,2238100,1\n34200.2,1,8,10,2238150,1\n",
                                        "9999999999,0,2238100,10\n9999999999,0,2238100,10\n");
    {
        InstrumentTable cents = amzn_table(2);
        auto source = open_lobster(path, cents);
        ASSERT_TRUE(source.has_value());
        MarketEvent event;
        ASSERT_TRUE((*source)->next(event).value());
        EXPECT_EQ(event.order.price.raw, 22'381);  // $223.81 at 2 decimals
        ASSERT_TRUE((*source)->next(event).value());
        auto bad = (*source)->next(event);
        ASSERT_FALSE(bad.has_value());
        EXPECT_EQ(bad.error().message, path +
                                           ":2: price '2238150' (dollars × 10000) is not exact at the instrument's "
                                           "2 price decimals; configure price_decimals = 4");
    }
    {
        InstrumentTable micro = amzn_table(6);
        auto source = open_lobster(path, micro);
        ASSERT_TRUE(source.has_value());
        const auto events = drain(**source);
        ASSERT_EQ(events.size(), 3u);
        EXPECT_EQ(events[0].order.price.raw, 223'810'000);
        EXPECT_EQ(events[2].order.price.raw, 223'815'000);
    }
}

TEST(LobsterSource, WinterDatesUseEasternStandardTime) {
    ScratchDir dir;
    const std::string path = write_pair(dir, "34200,1,7,10,2238100,1\n", "9999999999,0,-9999999999,0\n",
                                        "AMZN_2012-01-03_34200000_57600000");
    InstrumentTable table = amzn_table();
    auto source = open_lobster(path, table);
    ASSERT_TRUE(source.has_value());
    const auto events = drain(**source);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].ts, 1'325'548'800'000'000'000 + 5LL * 3600 * 1'000'000'000 + 34'200'000'000'000);
    EXPECT_EQ(events[1].quote.bid_qty.raw, 0);  // both sides empty
    EXPECT_EQ(events[1].quote.ask_qty.raw, 0);
}

TEST(LobsterSource, GivenDateSymbolAndOrderbookOverrideTheFileName) {
    ScratchDir dir;
    dir.write("book.csv", "2239500,100,2238100,10\n");
    const std::string path = dir.write("msgs.csv", "34200.5,1,7,10,2238100,1\n");
    InstrumentTable table = amzn_table();
    SourceOptions options;
    options.path = path;
    options.orderbook = dir.path("book.csv");
    options.date = "2012-06-21";
    options.symbol = "AMZN";
    auto source = LobsterSource::open(options, table);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    const auto events = drain(**source);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].ts, kJune21MidnightUtc + kEdt + 34'200'500'000'000);
}

TEST(LobsterSource, RefusesWhatItCannotKnow) {
    ScratchDir dir;
    const std::string path = dir.write("msgs.csv", "34200.5,1,7,10,2238100,1\n");
    InstrumentTable table = amzn_table();
    SourceOptions options;
    options.path = path;
    auto no_orderbook = LobsterSource::open(options, table);
    ASSERT_FALSE(no_orderbook.has_value());
    EXPECT_NE(no_orderbook.error().message.find("has no \"message\""), std::string::npos);

    options.orderbook = path;
    auto no_date = LobsterSource::open(options, table);
    ASSERT_FALSE(no_date.has_value());
    EXPECT_NE(no_date.error().message.find("set date = \"YYYY-MM-DD\""), std::string::npos);

    options.date = "2012-02-30";
    auto bad_date = LobsterSource::open(options, table);
    ASSERT_FALSE(bad_date.has_value());
    EXPECT_NE(bad_date.error().message.find("'2012-02-30'"), std::string::npos);

    InstrumentTable empty;
    SourceOptions sample_options;
    sample_options.path = kLobsterMessages;
    auto unknown = LobsterSource::open(sample_options, empty);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().message,
              kLobsterMessages +
                  ": instrument 'AMZN' is not configured; add an [[instruments]] entry with symbol = \"AMZN\" and its "
                  "price_decimals/qty_decimals");
}
