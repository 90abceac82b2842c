#include <gtest/gtest.h>

#include "influx/write_url.hpp"

namespace trellis::host::influx {
namespace {

TEST(WriteUrl, BuildsTheWriteEndpointWithNanosecondPrecision) {
    const auto url = make_write_url("http://127.0.0.1:8086", "trellis", "");
    ASSERT_TRUE(url);
    EXPECT_EQ(*url, "http://127.0.0.1:8086/write?db=trellis&precision=ns");
}

TEST(WriteUrl, EscapesNamesAndAddsTheRetentionPolicy) {
    const auto url = make_write_url("http://influx:8086/", "my db&x", "one week");
    ASSERT_TRUE(url);
    EXPECT_EQ(*url, "http://influx:8086/write?db=my%20db%26x&precision=ns&rp=one%20week");
}

TEST(WriteUrl, RefusesEmptyUrlOrDatabase) {
    EXPECT_FALSE(make_write_url("", "db", ""));
    const auto missing_db = make_write_url("http://h:8086", "", "");
    ASSERT_FALSE(missing_db);
    EXPECT_NE(missing_db.error().message.find("database"), std::string::npos);
}

}  // namespace
}  // namespace trellis::host::influx
