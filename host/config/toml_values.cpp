#include "config/toml_values.hpp"

#include <string>
#include <type_traits>

#include "util/time_text.hpp"

namespace trellis::host {

Result<std::chrono::sys_days> days_from_toml(const toml::date& value) {
    return civil_day(value.year, value.month, value.day);
}

Result<Timestamp> timestamp_from_toml(const toml::date_time& value) {
    if (!value.offset) return fail("has no UTC offset (append Z for UTC, e.g. 2012-06-21T09:30:00Z)");
    return utc_ns(CivilTime{.year = value.date.year,
                            .month = value.date.month,
                            .day = value.date.day,
                            .hour = value.time.hour,
                            .minute = value.time.minute,
                            .second = value.time.second,
                            .nanosecond = value.time.nanosecond,
                            .offset_minutes = value.offset->minutes});
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
