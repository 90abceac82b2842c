#include "influx_writer/byte_size.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "util/text.hpp"

namespace trellis::host::influx_writer {

namespace {

struct Unit {
    std::string_view name;
    std::uint64_t bytes;
};
constexpr std::array<Unit, 4> kUnits = {{{"B", 1}, {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}}};

constexpr std::string_view kHowToWrite = "write a whole number with a unit: B, KiB, MiB or GiB, e.g. \"1GiB\"";

}  // namespace

Result<std::uint64_t> parse_byte_size(std::string_view text) {
    const std::string_view trimmed = trim_blanks(text);
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), number);
    if (ec == std::errc::result_out_of_range) return fail("is too large (" + std::string(kHowToWrite) + ")");
    if (ec != std::errc{}) return fail("does not start with a whole number (" + std::string(kHowToWrite) + ")");
    const std::string_view unit = trim_blanks(trimmed.substr(std::size_t(end - trimmed.data())));
    for (const Unit& u : kUnits) {
        if (unit != u.name) continue;
        if (number > std::numeric_limits<std::uint64_t>::max() / u.bytes)
            return fail("is too large (" + std::string(kHowToWrite) + ")");
        return number * u.bytes;
    }
    if (unit.empty()) return fail("has no unit (" + std::string(kHowToWrite) + ")");
    return fail("has an unknown unit " + host::quoted(unit) + " (" + std::string(kHowToWrite) + ")");
}

}  // namespace trellis::host::influx_writer
