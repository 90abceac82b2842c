// `trellis data inspect` and `trellis convert` on the real sample files.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.hpp"

using namespace trellis::itest;
using nlohmann::json;

namespace {
const std::string kLobster = "data/samples/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv";
const std::string kBinance = "data/samples/binance/BTCUSDT-bookTicker-2023-10-02-head500.csv";
const std::string kCoinbase = "data/samples/coinbase/BTC-USD-level2_50-websocket.jsonl";

json inspect_json(const std::string& file) {
    const auto r = run_trellis("data inspect " + file + " --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
}
}  // namespace

TEST(DataCli, InspectJsonHasExactlyTheDocumentedKeys) {
    for (const auto& file : {kLobster, kBinance, kCoinbase}) {
        const json j = inspect_json(file);
        std::set<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
        EXPECT_EQ(keys, (std::set<std::string>{"format", "events", "first_ts_ns", "last_ts_ns", "instruments",
                                               "first_bid", "first_ask", "last_bid", "last_ask", "rejected_rows"}))
            << file;
    }
}

TEST(DataCli, InspectReportsTheRealFiles) {
    const json lob = inspect_json(kLobster);
    EXPECT_EQ(lob["format"], "lobster");
    EXPECT_EQ(lob["instruments"], json::array({"AMZN"}));
    // LOBSTER time is New York time: 09:30:00.01746 EDT = 13:30:00.01746 UTC on 2012-06-21.
    EXPECT_EQ(lob["first_ts_ns"].get<std::int64_t>(), 1340285400017460000LL);
    EXPECT_EQ(lob["rejected_rows"], 0);

    const json bin = inspect_json(kBinance);
    EXPECT_EQ(bin["format"], "binance");
    EXPECT_EQ(bin["events"], 500);
    EXPECT_DOUBLE_EQ(bin["first_bid"].get<double>(), 27981.3);
    EXPECT_DOUBLE_EQ(bin["first_ask"].get<double>(), 27981.4);
    EXPECT_EQ(bin["first_ts_ns"].get<std::int64_t>(), 1696204800012LL * 1'000'000);

    const json cb = inspect_json(kCoinbase);
    EXPECT_EQ(cb["format"], "coinbase");
    EXPECT_EQ(cb["instruments"], json::array({"BTC-USD"}));
}

TEST(DataCli, ConvertedBinaryInspectsTheSame) {
    TempDir dir;
    for (const auto& file : {kLobster, kBinance, kCoinbase}) {
        const std::string out = dir / (std::filesystem::path(file).stem().string() + ".trlev");
        const auto c = run_trellis("convert " + file + " " + out);
        ASSERT_EQ(c.exit_code, 0) << c.err;
        const json a = inspect_json(file), b = inspect_json(out);
        EXPECT_EQ(b["format"], "binary");
        for (const char* key :
             {"events", "first_ts_ns", "last_ts_ns", "instruments", "first_bid", "first_ask", "last_bid", "last_ask"})
            EXPECT_EQ(a[key], b[key]) << file << " key " << key;
    }
}

TEST(DataCli, FailedConvertLeavesNoOutputAndSaysWhere) {
    TempDir dir;
    std::string text = read_file(std::string(TRELLIS_SOURCE_DIR) + "/" + kBinance);
    text.replace(text.find("27981.30000000"), 14, "27981.3x");
    write_file(dir / "BTCUSDT-bookTicker-2023-10-02-bad.csv", text);
    const std::string out = dir / "out.trlev";
    const auto r = run_trellis("convert " + (dir / "BTCUSDT-bookTicker-2023-10-02-bad.csv") + " " + out);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.csv:2"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    // Nothing half-written beside it either.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1u);

    const auto skipped = run_trellis("data inspect " + (dir / "BTCUSDT-bookTicker-2023-10-02-bad.csv") + " --json");
    ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
    EXPECT_EQ(json::parse(skipped.out)["rejected_rows"], 1);
}
