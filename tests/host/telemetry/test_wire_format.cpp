// The telemetry wire format: what the writer builds the reader gives back,
// byte layout as documented, and every malformed message refused with its offset.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "telemetry/wire_format.hpp"

namespace trellis::host::telemetry {
namespace {

struct OwnedPoint {
    std::string measurement;
    std::vector<std::pair<std::string, std::string>> tags;
    std::vector<std::pair<std::string, FieldValue::Variant>> fields;
    std::int64_t ts = 0;
};

std::vector<OwnedPoint> read_all(std::string_view message, WireHeader* header = nullptr) {
    auto reader = WireMessageReader::open(message);
    EXPECT_TRUE(reader.has_value()) << (reader ? "" : reader.error().message);
    if (!reader) return {};
    if (header) *header = reader->header();
    std::vector<OwnedPoint> out;
    Point p;
    for (;;) {
        auto more = reader->next(p);
        EXPECT_TRUE(more.has_value()) << (more ? "" : more.error().message);
        if (!more || !*more) break;
        OwnedPoint o{std::string(p.measurement), {}, {}, p.timestamp_ns};
        for (const Tag& t : p.tags) o.tags.emplace_back(t.key, t.value);
        for (const Field& f : p.fields) {
            FieldValue::Variant v = f.value.get();
            if (auto* s = std::get_if<std::string_view>(&v))
                o.fields.emplace_back(f.key, *s);
            else
                o.fields.emplace_back(f.key, v);
        }
        out.push_back(std::move(o));
    }
    return out;
}

TEST(WireFormat, RoundTripsEveryFieldTypeAndTheHeader) {
    WireMessageWriter w;
    w.begin("host-a", 0xDEADBEEFCAFEull, 41);
    const Tag tags[] = {{"instrument", "AAPL"}, {"strategy", "mm,1 =\"\\\n"}};
    const Field fields[] = {{"count", FieldValue::integer(-5)},
                            {"rate", FieldValue::floating(2.5)},
                            {"ok", FieldValue::boolean(true)},
                            {"text", FieldValue::string("line1\nline2 ü")}};
    ASSERT_TRUE(w.add({"md.updates", tags, fields, 1'700'000'000'123'456'789}));
    const Field one[] = {{"value", FieldValue::floating(0.0)}};
    ASSERT_TRUE(w.add({"risk.level", {}, one, -1}));
    EXPECT_EQ(w.count(), 2u);

    WireHeader h;
    const auto points = read_all(w.bytes(), &h);
    EXPECT_EQ(h.host, "host-a");
    EXPECT_EQ(h.session, 0xDEADBEEFCAFEull);
    EXPECT_EQ(h.seq, 41u);
    EXPECT_EQ(h.count, 2u);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[0].measurement, "md.updates");
    EXPECT_EQ(points[0].ts, 1'700'000'000'123'456'789);
    ASSERT_EQ(points[0].tags.size(), 2u);
    EXPECT_EQ(points[0].tags[1].second, "mm,1 =\"\\\n");
    ASSERT_EQ(points[0].fields.size(), 4u);
    EXPECT_EQ(std::get<std::int64_t>(points[0].fields[0].second), -5);
    EXPECT_EQ(std::get<double>(points[0].fields[1].second), 2.5);
    EXPECT_EQ(std::get<bool>(points[0].fields[2].second), true);
    EXPECT_EQ(std::get<std::string_view>(points[0].fields[3].second), "line1\nline2 ü");
    EXPECT_EQ(points[1].measurement, "risk.level");
    EXPECT_EQ(points[1].ts, -1);
}

TEST(WireFormat, HeaderBytesAreAsDocumented) {
    WireMessageWriter w;
    w.begin("h", 2, 3);
    const Field f[] = {{"v", FieldValue::integer(7)}};
    ASSERT_TRUE(w.add({"m", {}, f, 9}));
    const std::string_view b = w.bytes();
    // "TRLT" 01 00 0000 | len 0100 'h' | session u64 | seq u64 | count u32
    ASSERT_GE(b.size(), 4u + 4 + 3 + 8 + 8 + 4);
    EXPECT_EQ(b.substr(0, 4), "TRLT");
    EXPECT_EQ(b[4], 1);
    EXPECT_EQ(b.substr(8, 3), std::string_view("\x01\x00h", 3));
    std::uint64_t session = 0, seq = 0;
    std::uint32_t count = 0;
    std::memcpy(&session, b.data() + 11, 8);
    std::memcpy(&seq, b.data() + 19, 8);
    std::memcpy(&count, b.data() + 27, 4);
    EXPECT_EQ(session, 2u);
    EXPECT_EQ(seq, 3u);
    EXPECT_EQ(count, 1u);
    // point: len 'm' | ntags 0 | nfields 1 | len 'v' | type 0 | i64 7 | ts 9
    EXPECT_EQ(b.size(), 31u + 3 + 1 + 1 + 3 + 1 + 8 + 8);
}

TEST(WireFormat, BeginStartsAFreshMessage) {
    WireMessageWriter w;
    const Field f[] = {{"v", FieldValue::integer(1)}};
    w.begin("h", 1, 1);
    ASSERT_TRUE(w.add({"m", {}, f, 1}));
    w.begin("h", 1, 2);
    EXPECT_EQ(w.count(), 0u);
    EXPECT_EQ(read_all(w.bytes()).size(), 0u);
}

TEST(WireFormat, RefusesOversizedStringsAndLeavesTheMessageUnchanged) {
    WireMessageWriter w;
    w.begin("h", 1, 1);
    const std::string huge(kWireMaxString + 1, 'x');
    const Field f[] = {{"v", FieldValue::string(huge)}};
    const std::size_t before = w.size();
    auto r = w.add({"m", {}, f, 1});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("string field"), std::string::npos) << r.error().message;
    EXPECT_EQ(w.size(), before);
    EXPECT_EQ(w.count(), 0u);
}

std::string sample_message() {
    WireMessageWriter w;
    w.begin("host", 5, 10);
    const Tag t[] = {{"k", "v"}};
    const Field f[] = {{"a", FieldValue::integer(1)}, {"b", FieldValue::boolean(false)}};
    EXPECT_TRUE(w.add({"m", t, f, 100}));
    return std::string(w.bytes());
}

std::string first_error(std::string_view message) {
    auto reader = WireMessageReader::open(message);
    if (!reader) return reader.error().message;
    Point p;
    for (;;) {
        auto more = reader->next(p);
        if (!more) return more.error().message;
        if (!*more) return "";
    }
}

TEST(WireFormat, EveryTruncationIsAnErrorNamingTheOffset) {
    const std::string full = sample_message();
    for (std::size_t n = 0; n < full.size(); ++n) {
        const std::string e = first_error(std::string_view(full).substr(0, n));
        EXPECT_FALSE(e.empty()) << "prefix of " << n << " bytes was accepted";
    }
    EXPECT_EQ(first_error(full), "");
    EXPECT_NE(first_error(full.substr(0, full.size() - 3)).find("truncated at byte"), std::string::npos);
}

TEST(WireFormat, RefusesWrongMagicVersionTypeBoolAndTrailingBytes) {
    const std::string full = sample_message();
    std::string m = full;
    m[0] = 'X';
    EXPECT_NE(first_error(m).find("magic"), std::string::npos);
    m = full;
    m[4] = 2;
    EXPECT_NE(first_error(m).find("wire version 2"), std::string::npos);
    // The first field's type byte follows header(30+4 for "host") + "m"(3) + 1 + "k"(3) + "v"(3) + 1 + "a"(3).
    const std::size_t type_at = 34 + 3 + 1 + 3 + 3 + 1 + 3;
    m = full;
    ASSERT_EQ(m[type_at], 0);
    m[type_at] = 9;
    EXPECT_NE(first_error(m).find("unknown field type 9 at byte " + std::to_string(type_at)), std::string::npos)
        << first_error(m);
    m = full;
    const std::size_t bool_at = type_at + 1 + 8 + 3 + 1;
    ASSERT_EQ(m[bool_at], 0);
    m[bool_at] = 7;
    EXPECT_NE(first_error(m).find("bool field 'b' holds 7"), std::string::npos) << first_error(m);
    EXPECT_NE(first_error(full + "zz").find("2 bytes after the last of 1 points"), std::string::npos);
}

const Tag kOrderTags[] = {{"strategy", "mm"}, {"instrument", "AMZN"}, {"side", "buy"}, {"status", "accepted"}};

TEST(WirePointShape, CachedHeadsWriteTheSameBytesAsFreshOnes) {
    const Field first[] = {{"order_id", FieldValue::integer(7)}, {"price", FieldValue::floating(2231.5)}};
    const Field second[] = {{"order_id", FieldValue::integer(8)}, {"text", FieldValue::string("why")}};
    WireMessageWriter fresh, cached;
    fresh.begin("h", 1, 1);
    cached.begin("h", 1, 1);
    auto shape = WirePointShape::of(Point{"order", kOrderTags, first, 42});
    ASSERT_TRUE(shape) << shape.error().message;
    for (const auto& fields : {std::span<const Field>(first), std::span<const Field>(second)}) {
        const Point p{"order", kOrderTags, fields, 42};
        ASSERT_TRUE(fresh.add(p));
        ASSERT_TRUE(cached.add(p, shape->head()));
    }
    EXPECT_EQ(cached.bytes(), fresh.bytes());
    const auto points = read_all(cached.bytes());
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[1].tags[3].second, "accepted");
}

// A point whose fields are all numbers is written from the shape's template with the new values:
// byte for byte what the writer makes of the whole point.
TEST(WirePointShape, NumbersIntoTheTemplateWriteTheSameBytesAsTheWholePoint) {
    const Field template_fields[] = {{"order_id", FieldValue::integer(7)}, {"price", FieldValue::floating(2231.5)}};
    auto shape = WirePointShape::of(Point{"order", kOrderTags, template_fields, 42});
    ASSERT_TRUE(shape) << shape.error().message;
    const FieldValue numbers[][2] = {{FieldValue::integer(8), FieldValue::floating(2232.25)},
                                     {FieldValue::integer(-1), FieldValue::floating(-0.0)},
                                     {FieldValue::integer(INT64_MAX), FieldValue::floating(1e300)}};
    const std::int64_t stamps[] = {43, -5, INT64_MAX};
    WireMessageWriter fresh, shaped;
    fresh.begin("h", 9, 100);
    shaped.begin("h", 9, 100);
    for (std::size_t i = 0; i < std::size(numbers); ++i) {
        ASSERT_TRUE(shape->fits(numbers[i]));
        shaped.add(*shape, numbers[i], stamps[i]);
        const Field fields[] = {{"order_id", numbers[i][0]}, {"price", numbers[i][1]}};
        ASSERT_TRUE(fresh.add(Point{"order", kOrderTags, fields, stamps[i]}));
    }
    EXPECT_EQ(shaped.count(), 3u);
    EXPECT_EQ(shaped.bytes(), fresh.bytes());
    const auto points = read_all(shaped.bytes());
    ASSERT_EQ(points.size(), 3u);
    EXPECT_EQ(std::get<std::int64_t>(points[2].fields[0].second), INT64_MAX);
    EXPECT_EQ(std::get<double>(points[0].fields[1].second), 2232.25);
    EXPECT_EQ(points[1].ts, -5);
}

TEST(WirePointShape, NumbersFitOnlyATemplateOfTheSameCountAndTypes) {
    const Field fields[] = {{"count", FieldValue::integer(1)}, {"rate", FieldValue::floating(0.5)}};
    auto shape = WirePointShape::of(Point{"m", {}, fields, 1});
    ASSERT_TRUE(shape);
    const FieldValue right[] = {FieldValue::integer(2), FieldValue::floating(1.0)};
    const FieldValue swapped[] = {FieldValue::floating(1.0), FieldValue::integer(2)};
    const FieldValue short_[] = {FieldValue::integer(2)};
    const FieldValue long_[] = {FieldValue::integer(2), FieldValue::floating(1.0), FieldValue::integer(3)};
    const FieldValue with_bool[] = {FieldValue::integer(2), FieldValue::boolean(true)};
    EXPECT_TRUE(shape->fits(right));
    EXPECT_FALSE(shape->fits(swapped));
    EXPECT_FALSE(shape->fits(short_));
    EXPECT_FALSE(shape->fits(long_));
    EXPECT_FALSE(shape->fits(with_bool));
}

// A shape first seen with a text field keeps only the head, until an all-number point of the same
// head teaches it the template.
TEST(WirePointShape, LearnsItsTemplateFromTheFirstAllNumberPoint) {
    const Field with_text[] = {{"order_id", FieldValue::integer(1)}, {"text", FieldValue::string("no")}};
    const Field with_bool[] = {{"order_id", FieldValue::integer(1)}, {"ok", FieldValue::boolean(true)}};
    const Field numeric[] = {{"order_id", FieldValue::integer(2)}};
    auto shape = WirePointShape::of(Point{"order", kOrderTags, with_text, 1});
    ASSERT_TRUE(shape);
    const FieldValue one[] = {FieldValue::integer(3)};
    EXPECT_FALSE(shape->fits(one));
    shape->learn(Point{"order", kOrderTags, with_bool, 1});
    EXPECT_FALSE(shape->fits(one));
    shape->learn(Point{"order", kOrderTags, numeric, 2});
    ASSERT_TRUE(shape->fits(one));
    WireMessageWriter w;
    w.begin("h", 1, 1);
    w.add(*shape, one, 7);
    const auto points = read_all(w.bytes());
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].tags.size(), 4u);
    ASSERT_EQ(points[0].fields.size(), 1u);
    EXPECT_EQ(points[0].fields[0].first, "order_id");
    EXPECT_EQ(std::get<std::int64_t>(points[0].fields[0].second), 3);
    EXPECT_EQ(points[0].ts, 7);
}

TEST(WirePointShape, AHeadOverTheLimitsIsRefusedWithTheWritersMessage) {
    const std::string long_value(kWireMaxString + 1, 'x');
    const Tag tags[] = {{"k", long_value}};
    const Field fields[] = {{"v", FieldValue::integer(1)}};
    const Point p{"m", tags, fields, 1};
    const auto shape = WirePointShape::of(p);
    ASSERT_FALSE(shape);
    WireMessageWriter w;
    w.begin("h", 1, 1);
    const auto added = w.add(p);
    ASSERT_FALSE(added);
    EXPECT_EQ(shape.error().message, added.error().message);
    EXPECT_NE(added.error().message.find("tag value"), std::string::npos) << added.error().message;
    // A field key over the limit still gives a shape (the head is fine) but no template.
    const std::string long_key(kWireMaxString + 1, 'k');
    const Field long_field[] = {{long_key, FieldValue::integer(1)}};
    auto head_only = WirePointShape::of(Point{"m", {}, long_field, 1});
    ASSERT_TRUE(head_only);
    const FieldValue one[] = {FieldValue::integer(1)};
    EXPECT_FALSE(head_only->fits(one));
}

}  // namespace
}  // namespace trellis::host::telemetry
