#include <gtest/gtest.h>

#include "influx_writer/byte_size.hpp"

namespace trellis::host::influx_writer {
namespace {

TEST(ByteSize, BinaryUnits) {
    EXPECT_EQ(parse_byte_size("1GiB").value(), 1073741824u);
    EXPECT_EQ(parse_byte_size("512MiB").value(), 536870912u);
    EXPECT_EQ(parse_byte_size(" 64 KiB ").value(), 65536u);
    EXPECT_EQ(parse_byte_size("4096B").value(), 4096u);
}

TEST(ByteSize, RefusesDecimalUnitsMissingUnitsAndOverflow) {
    EXPECT_EQ(parse_byte_size("1GB").error().message,
              "has an unknown unit 'GB' (write a whole number with a unit: B, KiB, MiB or GiB, e.g. \"1GiB\")");
    EXPECT_EQ(parse_byte_size("1024").error().message,
              "has no unit (write a whole number with a unit: B, KiB, MiB or GiB, e.g. \"1GiB\")");
    EXPECT_EQ(parse_byte_size("GiB").error().message,
              "does not start with a whole number (write a whole number with a unit: B, KiB, MiB or GiB, e.g. "
              "\"1GiB\")");
    // 2^34 GiB = 2^64 bytes: one past uint64.
    EXPECT_EQ(parse_byte_size("17179869184GiB").error().message,
              "is too large (write a whole number with a unit: B, KiB, MiB or GiB, e.g. \"1GiB\")");
    EXPECT_EQ(parse_byte_size("17179869183GiB").value(), 17179869183ull << 30);
}

}  // namespace
}  // namespace trellis::host::influx_writer
