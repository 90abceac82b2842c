#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "marketdata/binary_format.hpp"
#include "marketdata/binary_reader.hpp"
#include "marketdata/binary_writer.hpp"
#include "marketdata/convert.hpp"
#include "marketdata_test_support.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::testing;

namespace {

// What the tools read from a text sample (instruments added on first sight).
std::vector<MarketEvent> read_text_sample(const std::string& path) {
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    const auto source = open_sample(path, table);
    return source ? drain(*source) : std::vector<MarketEvent>{};
}

std::string convert_sample(const ScratchDir& dir, const std::string& input) {
    const std::string output = dir.path("events.tev");
    auto report = convert(input, output);
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return output;
}

MarketEvent quote_at(Timestamp ts, InstrumentId instrument) {
    MarketEvent e;
    e.ts = e.recv_ts = ts;
    e.instrument = instrument;
    e.quote = QuotePayload{Price{ts}, Price{ts + 1}, Quantity{2}, Quantity{3}};
    return e;
}

std::string write_small_file(const ScratchDir& dir, int events) {
    const std::string path = dir.path("small.tev");
    auto writer = BinaryEventWriter::create(path);
    EXPECT_TRUE(writer.has_value());
    for (int i = 0; i < events; ++i) EXPECT_TRUE(writer->write(quote_at(1000 + i, 0)).has_value());
    InstrumentTable table;
    EXPECT_TRUE(table.add("AAA", 2, 0, Price{1}, Quantity{1}).has_value());
    EXPECT_TRUE(writer->finish(table.specs()).has_value());
    return path;
}

}  // namespace

TEST(BinaryFile, RoundTripsEverySample) {
    for (const std::string& sample_path : {kLobsterMessages, kBinance, kCoinbase}) {
        SCOPED_TRACE(sample_path);
        ScratchDir dir;
        const auto original = read_text_sample(sample_path);
        const std::string binary = convert_sample(dir, sample_path);

        auto file = BinaryEventFile::open(binary);
        ASSERT_TRUE(file.has_value()) << file.error().message;
        ASSERT_EQ(file->instruments().size(), 1u);
        const std::vector<MarketEvent> mapped(file->events().begin(), file->events().end());
        expect_same_events(mapped, original);

        InstrumentTable table(AutoAddPolicy{.enabled = true});
        const auto source = open_sample(binary, table);
        ASSERT_NE(source, nullptr);
        expect_same_events(drain(*source), original);
        EXPECT_EQ(
            std::filesystem::file_size(binary),
            binary_header_bytes(BinaryEventWriter::kDefaultInstrumentCapacity) + original.size() * sizeof(MarketEvent));
    }
}

TEST(BinaryFile, KeepsTheInstrumentTable) {
    ScratchDir dir;
    auto file = BinaryEventFile::open(convert_sample(dir, kLobsterMessages));
    ASSERT_TRUE(file.has_value());
    const InstrumentSpec& amzn = file->instruments().at(0);
    EXPECT_EQ(amzn.id, 0);
    EXPECT_EQ(amzn.name(), "AMZN");
    EXPECT_EQ(amzn.price_decimals, 4);
    EXPECT_EQ(amzn.qty_decimals, 0);
    EXPECT_EQ(amzn.tick_size.raw, 100);
    EXPECT_EQ(amzn.lot_size.raw, 1);
}

TEST(BinaryFile, MapsFileInstrumentsOntoTheCallersTable) {
    ScratchDir dir;
    const std::string binary = convert_sample(dir, kBinance);
    InstrumentTable table;
    ASSERT_TRUE(table.add("AMZN", 4, 0, Price{100}, Quantity{1}).has_value());
    ASSERT_TRUE(table.add("BTCUSDT", 8, 8, Price{1}, Quantity{1}).has_value());
    SourceOptions options;
    options.path = binary;
    auto source = BinarySource::open(options, table);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    MarketEvent event;
    ASSERT_TRUE((*source)->next(event).value());
    EXPECT_EQ(event.instrument, 1);                          // BTCUSDT's id in the caller's table...
    EXPECT_EQ((*source)->file().events()[0].instrument, 0);  // ...not the file's

    InstrumentTable other_scale;
    ASSERT_TRUE(other_scale.add("BTCUSDT", 2, 8, Price{1}, Quantity{1}).has_value());
    auto refused = BinarySource::open(options, other_scale);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message, binary +
                                           ": instrument 'BTCUSDT' is stored with 8 price / 8 qty decimals but "
                                           "wanted with 2 / 8; fix the instrument or convert the data again");
}

TEST(BinaryFile, RefusesATruncatedFile) {
    ScratchDir dir;
    const std::string path = write_small_file(dir, 10);
    const auto full = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, full - 30);  // the last event cut in half
    auto file = BinaryEventFile::open(path);
    ASSERT_FALSE(file.has_value());
    EXPECT_EQ(file.error().message, path + " is truncated: the header promises 10 events but only " +
                                        std::to_string(10 * sizeof(MarketEvent) - 30) +
                                        " bytes (9 whole events) follow the header; convert again");

    std::filesystem::resize_file(path, 40);
    auto header_only = BinaryEventFile::open(path);
    ASSERT_FALSE(header_only.has_value());
    EXPECT_EQ(header_only.error().message, path + " is truncated: 40 bytes, shorter than the 64-byte header");
}

TEST(BinaryFile, RefusesBadMagicVersionAndUnfinishedFiles) {
    ScratchDir dir;
    const std::string path = write_small_file(dir, 3);
    const auto patch = [&](std::size_t offset, const void* bytes, std::size_t n) {
        std::string content = read_text(path);
        std::memcpy(content.data() + offset, bytes, n);
        dir.write("small.tev", content);
    };
    const std::string original = read_text(path);

    patch(0, "NOTMAGIC", 8);
    auto bad_magic = BinaryEventFile::open(path);
    ASSERT_FALSE(bad_magic.has_value());
    EXPECT_EQ(bad_magic.error().message, path +
                                             " is not a Trellis binary event file (bad magic number); convert "
                                             "market data with `trellis convert IN OUT`");

    dir.write("small.tev", original);
    const std::uint32_t version = 99;
    patch(offsetof(BinaryFileHeader, version), &version, sizeof version);
    auto bad_version = BinaryEventFile::open(path);
    ASSERT_FALSE(bad_version.has_value());
    EXPECT_EQ(bad_version.error().message,
              path + " has format version 99 but this build reads version 1; convert the source data again");

    dir.write("small.tev", original);
    patch(offsetof(BinaryFileHeader, event_count), &kUnfinishedEventCount, sizeof kUnfinishedEventCount);
    auto unfinished = BinaryEventFile::open(path);
    ASSERT_FALSE(unfinished.has_value());
    EXPECT_EQ(unfinished.error().message,
              path + " is incomplete: the writer never finished it (interrupted conversion?); convert again");

    dir.write("small.tev", original + "xx");
    auto padded = BinaryEventFile::open(path);
    ASSERT_FALSE(padded.has_value());
    EXPECT_EQ(padded.error().message, path + " has 2 unexpected bytes after its 3 events (corrupt file?)");

    const std::string text = dir.write("text.csv", "Time,Type\n1,2\n");
    auto not_binary = BinaryEventFile::open(text);
    ASSERT_FALSE(not_binary.has_value());
    EXPECT_EQ(not_binary.error().message, text +
                                              " is not a Trellis binary event file (only 14 bytes); convert "
                                              "market data with `trellis convert IN OUT`");
}

TEST(BinaryFile, SourceRejectsCorruptRecords) {
    ScratchDir dir;
    const std::string path = write_small_file(dir, 2);
    std::string content = read_text(path);
    const std::size_t second = binary_header_bytes(BinaryEventWriter::kDefaultInstrumentCapacity) + sizeof(MarketEvent);
    const InstrumentId bogus = 7;
    std::memcpy(content.data() + second + offsetof(MarketEvent, instrument), &bogus, sizeof bogus);
    dir.write("small.tev", content);
    InstrumentTable table(AutoAddPolicy{.enabled = true});
    SourceOptions options;
    options.path = path;
    auto source = BinarySource::open(options, table);
    ASSERT_TRUE(source.has_value());
    MarketEvent event;
    ASSERT_TRUE((*source)->next(event).value());
    auto bad = (*source)->next(event);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message, path + ": event #1 is corrupt (instrument id 7, type 1)");
}

TEST(BinaryFile, WriterChecksInstrumentIds) {
    ScratchDir dir;
    auto writer = BinaryEventWriter::create(dir.path("x.tev"));
    ASSERT_TRUE(writer.has_value());
    ASSERT_TRUE(writer->write(quote_at(1, 2)).has_value());
    InstrumentTable table;
    ASSERT_TRUE(table.add("AAA", 2, 0, Price{1}, Quantity{1}).has_value());
    auto finished = writer->finish(table.specs());
    ASSERT_FALSE(finished.has_value());
    EXPECT_EQ(finished.error().message,
              dir.path("x.tev") + ": events use instrument id 2 but only 1 instruments were given");
}

TEST(BinaryFile, EmptyFileRoundTrips) {
    ScratchDir dir;
    const std::string path = write_small_file(dir, 0);
    auto file = BinaryEventFile::open(path);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_TRUE(file->events().empty());
    EXPECT_EQ(file->instruments().size(), 1u);
}
