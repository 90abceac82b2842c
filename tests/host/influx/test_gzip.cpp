#include <gtest/gtest.h>

#include "influx/gzip.hpp"

namespace trellis::host::influx {
namespace {

TEST(Gzip, RoundTripsAndWritesAGzipHeader) {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "cpu,host=a value=" + std::to_string(i) + "i " + std::to_string(i) + "\n";
    const auto compressed = gzip_compress(text, 6);
    ASSERT_TRUE(compressed) << compressed.error().message;
    ASSERT_GE(compressed->size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);  // gzip magic, RFC 1952
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[1]), 0x8b);
    EXPECT_LT(compressed->size(), text.size() / 4);
    const auto restored = gzip_decompress(*compressed);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_EQ(*restored, text);
}

TEST(Gzip, EmptyInputRoundTrips) {
    const auto compressed = gzip_compress("", 1);
    ASSERT_TRUE(compressed);
    const auto restored = gzip_decompress(*compressed);
    ASSERT_TRUE(restored);
    EXPECT_EQ(*restored, "");
}

TEST(Gzip, RefusesALevelOutsideOneToNine) {
    EXPECT_FALSE(gzip_compress("x", 0));
    EXPECT_FALSE(gzip_compress("x", 10));
}

TEST(Gzip, TruncatedInputIsAnError) {
    const auto compressed = gzip_compress("some text that is long enough to matter", 1);
    ASSERT_TRUE(compressed);
    EXPECT_FALSE(gzip_decompress(std::string_view(*compressed).substr(0, compressed->size() - 5)));
}

TEST(Crc32, MatchesTheStandardCheckValue) {
    // The CRC-32 check value of "123456789" (used by every CRC catalogue).
    EXPECT_EQ(crc32_of("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32_of(""), 0u);
}

}  // namespace
}  // namespace trellis::host::influx
