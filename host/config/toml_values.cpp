#include "config/toml_values.hpp"

#include <string>
#include <type_traits>

namespace trellis::host {

Result<std::chrono::sys_days> days_from_toml(const toml::date& value) {
    const std::chrono::year_month_day ymd{std::chrono::year{value.year}, std::chrono::month{value.month},
                                          std::chrono::day{value.day}};
    if (!ymd.ok()) return fail("is not a valid calendar date");
    return std::chrono::sys_days{ymd};
}

Result<Timestamp> timestamp_from_toml(const toml::date_time& value) {
    if (!value.offset) return fail("has no UTC offset (append Z for UTC, e.g. 2012-06-21T09:30:00Z)");
    const auto days = days_from_toml(value.date);
    if (!days) return std::unexpected(days.error());
    // int64 nanoseconds cover 1677-09-21 .. 2262-04-11.
    if (value.date.year < 1678 || value.date.year > 2261) return fail("is outside the years 1678..2261");
    using namespace std::chrono;
    const auto local = sys_seconds{*days} + hours{value.time.hour} + minutes{value.time.minute} +
                       seconds{value.time.second} - minutes{value.offset->minutes};
    return static_cast<Timestamp>(local.time_since_epoch().count()) * 1'000'000'000 + value.time.nanosecond;
}

std::unique_ptr<toml::node> parse_toml_value(std::string_view text, std::string_view source_label) {
    constexpr std::string_view kKey = "v";
    const std::string document = std::string(kKey) + " = " + std::string(text);
    try {
        auto table = toml::parse(document, source_label);
        // A value with a newline could smuggle in more keys ("1\nx = 2").
        if (table.size() != 1) return nullptr;
        toml::node* node = table.get(kKey);
        if (node == nullptr) return nullptr;
        // Moving keeps the source region (copying would drop it).
        return node->visit([](auto& concrete) -> std::unique_ptr<toml::node> {
            using Concrete = std::remove_cvref_t<decltype(concrete)>;
            return std::make_unique<Concrete>(std::move(concrete));
        });
    } catch (const toml::parse_error&) {
        return nullptr;
    }
}

std::string_view describe_type(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a float";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

}  // namespace trellis::host
