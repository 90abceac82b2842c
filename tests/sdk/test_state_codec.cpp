// trellis/state_codec.hpp: the exact byte layout a snapshot gets, and a reader
// that refuses (never overruns) bytes that are short, foreign or too new.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "trellis/state_codec.hpp"
#include "trellis/types.hpp"

using namespace trellis;

namespace {

constexpr SnapshotMagic kDemo{'D', 'E', 'M', 'O'};

std::vector<std::byte> bytes_of(std::initializer_list<unsigned> values) {
    std::vector<std::byte> out;
    for (unsigned v : values) out.push_back(std::byte(v));
    return out;
}

// DEMO, version 3, u8 7, i64 -2, double 1.5, "hi".
std::vector<std::byte> demo_snapshot() {
    StateWriter w(kDemo, 3);
    w.put(std::uint8_t{7});
    w.put(std::int64_t{-2});
    w.put(1.5);
    w.put_string("hi");
    return std::move(w).take();
}

// What read_header says about bytes, for a reader that understands layouts 1..3.
std::string header_verdict(const std::vector<std::byte>& bytes) {
    StateReader r(bytes);
    const auto version = r.read_header(kDemo, 3, "demo");
    return version ? "version " + std::to_string(*version) : version.error();
}

}  // namespace

static_assert(SnapshotScalar<std::uint8_t> && SnapshotScalar<std::int64_t> && SnapshotScalar<double>);
static_assert(!SnapshotScalar<bool>, "bools go through an explicit integer cast");
static_assert(!SnapshotScalar<long double>, "long double has indeterminate padding bytes");
static_assert(!SnapshotScalar<Side>, "enums go through an explicit integer cast");

TEST(StateCodec, WritesHeaderThenFieldsInHostByteOrder) {
    if constexpr (std::endian::native != std::endian::little) GTEST_SKIP() << "expected bytes are little-endian";
    // 4 magic + 4 version + 1 + 8 + 8 + (4 length + 2) = 31 bytes.
    // -2 as i64 = 0xFFFFFFFFFFFFFFFE; 1.5 = 0x3FF8000000000000 (sign 0, exponent 1023, mantissa .1b).
    const auto expected = bytes_of({'D',  'E', 'M', 'O', 3, 0, 0, 0,    7,    0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                    0xFF, 0,   0,   0,   0, 0, 0, 0xF8, 0x3F, 2,    0,    0,    0,    'h',  'i'});
    EXPECT_EQ(demo_snapshot(), expected);
}

TEST(StateCodec, ReadsBackWhatWasWritten) {
    const auto bytes = demo_snapshot();
    StateReader r(bytes);
    const auto version = r.read_header(kDemo, 3, "demo");
    ASSERT_TRUE(version.has_value()) << version.error();
    EXPECT_EQ(*version, 3u);
    std::uint8_t small = 0;
    std::int64_t wide = 0;
    double real = 0;
    std::string text;
    EXPECT_FALSE(r.at_end());
    ASSERT_TRUE(r.get(small) && r.get(wide) && r.get(real) && r.get_string(text, 2));
    EXPECT_EQ(small, 7);
    EXPECT_EQ(wide, -2);
    EXPECT_EQ(real, 1.5);
    EXPECT_EQ(text, "hi");
    EXPECT_TRUE(r.at_end());
    EXPECT_FALSE(r.failed());
}

TEST(StateCodec, HeaderAcceptsOlderLayoutsAndRefusesForeignOrNewerOnes) {
    EXPECT_EQ(header_verdict(StateWriter(kDemo, 2).take()), "version 2");
    EXPECT_EQ(header_verdict(bytes_of({'D', 'E', 'M', 'O', 1})),
              "snapshot is too short (5 bytes) to be a demo snapshot");
    EXPECT_EQ(header_verdict(StateWriter({'D', 'E', 'M', 'X'}, 1).take()), "snapshot was not written by demo");
    for (const std::uint32_t bad : {0u, 4u})
        EXPECT_EQ(header_verdict(StateWriter(kDemo, bad).take()),
                  "snapshot layout version " + std::to_string(bad) +
                      " is not understood by demo (reads 1..3); restore it with the plugin version that wrote it");
}

TEST(StateCodec, AShortReadFailsZeroesItsTargetAndEveryReadAfterIt) {
    const auto bytes = bytes_of({1, 2, 3});
    StateReader r(bytes);
    std::uint32_t four = 99;
    EXPECT_FALSE(r.get(four));  // 3 bytes left, 4 wanted
    EXPECT_EQ(four, 0u);
    EXPECT_TRUE(r.failed());
    std::uint8_t one = 99;
    EXPECT_FALSE(r.get(one)) << "a byte is left, but the reader stays failed";
    EXPECT_EQ(one, 0);
    EXPECT_FALSE(r.at_end());
}

TEST(StateCodec, MagicCanBeReadAndCheckedByThePlugin) {
    const auto bytes = demo_snapshot();
    StateReader r(bytes);
    SnapshotMagic magic{};
    std::uint32_t version = 0;
    ASSERT_TRUE(r.get(magic) && r.get(version));
    EXPECT_EQ(magic, kDemo);
    EXPECT_EQ(version, 3u);

    const auto two = bytes_of({'D', 'E'});
    StateReader short_reader(two);
    magic = kDemo;
    EXPECT_FALSE(short_reader.get(magic));
    EXPECT_EQ(magic, SnapshotMagic{});
}

TEST(StateCodec, StringsLongerThanAllowedOrThanTheBytesLeftAreRefused) {
    const auto bytes = demo_snapshot();
    StateReader capped(bytes);
    ASSERT_TRUE(capped.read_header(kDemo, 3, "demo").has_value());
    std::uint8_t u8 = 0;
    std::int64_t i64 = 0;
    double f64 = 0;
    ASSERT_TRUE(capped.get(u8) && capped.get(i64) && capped.get(f64));
    std::string text = "old";
    EXPECT_FALSE(capped.get_string(text, 1));  // "hi" is 2 bytes
    EXPECT_EQ(text, "");
    EXPECT_TRUE(capped.failed());

    // Length 5 announced, 2 bytes present.
    const auto truncated = bytes_of({5, 0, 0, 0, 'h', 'i'});
    StateReader r(truncated);
    EXPECT_FALSE(r.get_string(text, 64));
    EXPECT_TRUE(r.failed());
}

TEST(StateCodec, TrailingBytesAreVisible) {
    auto bytes = demo_snapshot();
    bytes.push_back(std::byte{0});
    StateReader r(bytes);
    ASSERT_TRUE(r.read_header(kDemo, 3, "demo").has_value());
    std::uint8_t u8 = 0;
    std::int64_t i64 = 0;
    double f64 = 0;
    std::string text;
    ASSERT_TRUE(r.get(u8) && r.get(i64) && r.get(f64) && r.get_string(text, 2));
    EXPECT_FALSE(r.at_end()) << "one byte more than the layout: a mismatch the plugin must refuse";
}
