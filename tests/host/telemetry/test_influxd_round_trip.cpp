// Writes hostile names and values through the encoder into a real influxd and
// reads them back: the escaping is only right if InfluxDB returns them unchanged.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "influxd_process.hpp"
#include "telemetry/line_point_encoder.hpp"

namespace trellis::host::telemetry {
namespace {

using nlohmann::json;
using trellis::test::InfluxdProcess;
using trellis::test::quote_identifier;

constexpr std::string_view kDb = "trellis_it";

// Every character the line protocol treats specially, plus non-ASCII UTF-8.
constexpr std::string_view kMeasurement = "ho stile,me=as\"u\\re ü";
constexpr std::string_view kTagKey = "ta g,=k\"ü\\x";
constexpr std::string_view kTagValue = "v a,l=ue\\x\"ß \\\\日本";
constexpr std::string_view kStringFieldKey = "f i,e=ld\"\\ä";
constexpr std::string_view kStringValue = "say \"hi\" \\ a,b c=d ünï\nsecond line \\";

std::string encode(const Point& point) {
    LinePointEncoder encoder;
    std::string lines;
    const auto result = encoder.append(lines, point);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return lines;
}

// The single series of a single-statement query result.
json single_series(const std::string& text) {
    const json reply = json::parse(text);
    const json& result = reply.at("results").at(0);
    EXPECT_FALSE(result.contains("error")) << text;
    EXPECT_EQ(result.at("series").size(), 1u) << text;
    return result.at("series").at(0);
}

json column(const json& series, std::string_view name, std::size_t row = 0) {
    const json& columns = series.at("columns");
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].get<std::string>() == name) return series.at("values").at(row).at(i);
    }
    ADD_FAILURE() << "no column '" << name << "' in " << series.dump();
    return nullptr;
}

class InfluxdRoundTrip : public ::testing::Test {
protected:
    void SetUp() override { server_.create_database(kDb); }
    InfluxdProcess server_;
};

TEST_F(InfluxdRoundTrip, HostileNamesAndValuesComeBackUnchanged) {
    const Tag tags[] = {{kTagKey, kTagValue}, {"plain", "p"}};
    const Field fields[] = {{kStringFieldKey, FieldValue::string(kStringValue)},
                            {"count", FieldValue::integer(-42)},
                            {"ratio", FieldValue::floating(0.1)},
                            {"huge", FieldValue::floating(1e21)},
                            {"flag", FieldValue::boolean(true)}};
    constexpr std::int64_t kTime = 1700000000123456789;
    const auto write = server_.write(kDb, encode({kMeasurement, tags, fields, kTime}));
    ASSERT_EQ(write.status, 204) << write.body;

    const json series = single_series(server_.query(kDb, "SELECT * FROM " + quote_identifier(kMeasurement)));
    EXPECT_EQ(series.at("name").get<std::string>(), kMeasurement);
    EXPECT_EQ(series.at("values").size(), 1u);
    EXPECT_EQ(column(series, "time").get<std::int64_t>(), kTime);
    EXPECT_EQ(column(series, kTagKey).get<std::string>(), kTagValue);
    EXPECT_EQ(column(series, "plain").get<std::string>(), "p");
    EXPECT_EQ(column(series, kStringFieldKey).get<std::string>(), kStringValue);
    EXPECT_EQ(column(series, "count").get<std::int64_t>(), -42);
    EXPECT_EQ(column(series, "ratio").get<double>(), 0.1);
    EXPECT_EQ(column(series, "huge").get<double>(), 1e21);
    EXPECT_EQ(column(series, "flag").get<bool>(), true);

    // The tag is a tag (not a field) on the server side too.
    const json tag_keys = single_series(server_.query(kDb, "SHOW TAG KEYS FROM " + quote_identifier(kMeasurement)));
    const json expected_tag_keys = json::array({json::array({"plain"}), json::array({std::string(kTagKey)})});
    EXPECT_EQ(tag_keys.at("values"), expected_tag_keys) << tag_keys.dump();
}

TEST_F(InfluxdRoundTrip, FieldTypeConflictIsRejectedWithHttp400) {
    const Field as_int[] = {{"v", FieldValue::integer(1)}};
    const Field as_float[] = {{"v", FieldValue::floating(1.5)}};
    ASSERT_EQ(server_.write(kDb, encode({"conflict", {}, as_int, 1})).status, 204);
    const auto reply = server_.write(kDb, encode({"conflict", {}, as_float, 2}));
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("field type conflict"), std::string::npos) << reply.body;

    // The first value stays, the conflicting one was not stored.
    const json series = single_series(server_.query(kDb, "SELECT v FROM conflict"));
    EXPECT_EQ(series.at("values"), json::parse("[[1, 1]]"));
}

TEST_F(InfluxdRoundTrip, DataSurvivesHardKillAndRestart) {
    const Field fields[] = {{"v", FieldValue::integer(7)}};
    ASSERT_EQ(server_.write(kDb, encode({"durable", {}, fields, 5})).status, 204);
    server_.kill_hard();
    EXPECT_FALSE(server_.running());
    server_.restart();
    const json series = single_series(server_.query(kDb, "SELECT v FROM durable"));
    EXPECT_EQ(series.at("values"), json::parse("[[5, 7]]"));
}

}  // namespace
}  // namespace trellis::host::telemetry
