#pragma once
// Shared by the market-data tests: sample paths, a scratch directory that
// cleans up after itself, opening and draining a source, and field-by-field
// event equality.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "marketdata/market_data_source.hpp"
#include "marketdata/open_source.hpp"

namespace trellis::host::testing {

inline std::string sample(const std::string& relative) {
    return std::string(TRELLIS_SOURCE_DIR) + "/data/samples/" + relative;
}
inline const std::string kLobsterMessages = sample("lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv");
inline const std::string kLobsterOrderbook = sample("lobster/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
inline const std::string kBinance = sample("binance/BTCUSDT-bookTicker-2023-10-02-head500.csv");
inline const std::string kCoinbase = sample("coinbase/BTC-USD-level2_50-websocket.jsonl");

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The file's lines without terminators ("\r\n" or "\n").
inline std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> lines;
    std::istringstream in(read_text(path));
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

// A fresh directory under /tmp, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "trellis-md-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string path(const std::string& name) const { return (path_ / name).string(); }
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(path(name), std::ios::binary) << content;
        return path(name);
    }
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(path_)) names.push_back(e.path().filename().string());
        return names;
    }

private:
    std::filesystem::path path_;
};

inline std::string join_lines(const std::vector<std::string>& lines, const std::string& eol, bool final_newline) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() || final_newline) out += eol;
    }
    return out;
}

// Opens `path` the way the tools do: format detected, instruments added to
// `table` on first sight. Fails the test (and returns null) on an error.
inline std::unique_ptr<MarketDataSource> open_sample(const std::string& path, InstrumentTable& table) {
    SourceOptions options;
    options.path = path;
    auto source = open_source(options, table);
    EXPECT_TRUE(source.has_value()) << source.error().message;
    return source ? std::move(*source) : nullptr;
}

// Reads a source to its end; fails the test on an error.
inline std::vector<MarketEvent> drain(MarketDataSource& source) {
    std::vector<MarketEvent> events;
    const auto read = for_each_event(source, [&](const MarketEvent& event) { events.push_back(event); });
    if (!read) ADD_FAILURE() << read.error().message;
    return events;
}

// Equal in every field that the event's type gives meaning to.
inline ::testing::AssertionResult same_event(const MarketEvent& a, const MarketEvent& b) {
    const auto fail = [&](const char* field) { return ::testing::AssertionFailure() << "events differ in " << field; };
    if (a.ts != b.ts) return fail("ts");
    if (a.recv_ts != b.recv_ts) return fail("recv_ts");
    if (a.instrument != b.instrument) return fail("instrument");
    if (a.type != b.type) return fail("type");
    if (a.side != b.side) return fail("side");
    if (a.flags != b.flags) return fail("flags");
    switch (a.type) {
        case MarketEventType::Quote:
            if (a.quote.bid != b.quote.bid || a.quote.ask != b.quote.ask || a.quote.bid_qty != b.quote.bid_qty ||
                a.quote.ask_qty != b.quote.ask_qty)
                return fail("quote");
            break;
        case MarketEventType::BookLevel:
            if (a.level.price != b.level.price || a.level.qty != b.level.qty) return fail("level");
            break;
        case MarketEventType::Trade:
            if (a.trade.price != b.trade.price || a.trade.qty != b.trade.qty ||
                a.trade.maker_order_id != b.trade.maker_order_id)
                return fail("trade");
            break;
        case MarketEventType::OrderAdd:
        case MarketEventType::OrderReduce:
        case MarketEventType::OrderDelete:
            if (a.order.price != b.order.price || a.order.qty != b.order.qty || a.order.order_id != b.order.order_id)
                return fail("order");
            break;
        case MarketEventType::Halt:
            break;
    }
    return ::testing::AssertionSuccess();
}

inline void expect_same_events(const std::vector<MarketEvent>& a, const std::vector<MarketEvent>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same_event(a[i], b[i])) << "at event " << i;
}

}  // namespace trellis::host::testing
