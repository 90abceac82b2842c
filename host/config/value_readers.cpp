#include "config/value_readers.hpp"

#include <filesystem>

#include "config/toml_values.hpp"
#include "util/decimal.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"
#include "util/time_text.hpp"

namespace trellis::host {

std::optional<Duration> read_duration(TableReader& table, std::string_view key, DurationFloor floor) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    Duration value = 0;
    std::string shown;
    if (const auto* i = node->as_integer()) {
        value = i->get();
        shown = std::to_string(value) + "ns";
    } else if (const auto* s = node->as_string()) {
        auto parsed = parse_duration(s->get());
        if (!parsed) {
            table.error(key, "bad duration: " + parsed.error().message);
            return std::nullopt;
        }
        value = *parsed;
        shown = "'" + s->get() + "'";
    } else {
        table.wrong_type(key, *node, "a duration",
                         "write a string with a unit, e.g. \"250us\" or \"1.5ms\", or an integer of nanoseconds");
        return std::nullopt;
    }
    if (value < 0 || (floor == DurationFloor::Positive && value == 0)) {
        table.error(key, shown + " is out of range (" +
                             (floor == DurationFloor::Positive ? "must be > 0" : "must be >= 0") + ")");
        return std::nullopt;
    }
    return value;
}

std::optional<Timestamp> read_timestamp(TableReader& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    Result<Timestamp> value = fail("");
    if (const auto* dt = node->as_date_time()) {
        value = timestamp_from_toml(dt->get());
        if (!value) value = fail("the date-time " + value.error().message);
    } else if (const auto* s = node->as_string()) {
        value = parse_timestamp(s->get());
    } else {
        table.wrong_type(key, *node, "a date-time", "write e.g. 2012-06-21T09:30:00Z");
        return std::nullopt;
    }
    if (!value) {
        table.error(key, "bad timestamp: " + value.error().message);
        return std::nullopt;
    }
    return *value;
}

std::optional<std::string> read_date(TableReader& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    Result<std::chrono::sys_days> days = fail("");
    if (const auto* d = node->as_date()) {
        days = days_from_toml(d->get());
    } else if (const auto* s = node->as_string()) {
        days = parse_date(s->get());
    } else {
        table.wrong_type(key, *node, "a date", "write it as \"YYYY-MM-DD\", e.g. \"2012-06-21\"");
        return std::nullopt;
    }
    if (!days) {
        table.error(key, "bad date: " + days.error().message);
        return std::nullopt;
    }
    return format_date(*days);
}

std::optional<std::size_t> read_choice(TableReader& table, std::string_view key,
                                       std::span<const std::string_view> choices) {
    const auto text = table.string(key, Need::Optional);
    if (!text) return std::nullopt;
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == *text) return i;
    std::string hint = did_you_mean(*text, choices);
    if (hint.empty()) hint = " (use one of: " + join(choices) + ")";
    table.error(key, "'" + *text + "' is not a valid value" + hint);
    return std::nullopt;
}

std::optional<std::string> read_reference(TableReader& table, std::string_view key,
                                          std::span<const std::string_view> names, std::string_view what) {
    auto text = table.string(key, Need::Optional);
    if (!text) return std::nullopt;
    for (const auto name : names)
        if (name == *text) return text;
    std::string hint = did_you_mean(*text, names);
    if (hint.empty()) hint = names.empty() ? " (none is defined)" : " (defined: " + join(names) + ")";
    table.error(key, "'" + *text + "' does not name any " + std::string(what) + hint);
    return std::nullopt;
}

std::optional<std::string> read_path(TableReader& table, std::string_view key, Need need, FileCheck check) {
    const auto text = table.string(key, need);
    if (!text) return std::nullopt;
    if (text->empty()) {
        table.error(key, "is empty (give a file path)");
        return std::nullopt;
    }
    std::string resolved = table.context().resolve_path(*text);
    std::error_code ec;
    if (check == FileCheck::MustExist && !std::filesystem::exists(resolved, ec)) {
        const bool relative = !std::filesystem::path(*text).is_absolute();
        table.error(key, "file not found: " + resolved +
                             (relative ? " (relative paths resolve against the config file's directory; fix the path)"
                                       : " (fix the path)"));
        return std::nullopt;
    }
    return resolved;
}

std::optional<std::int64_t> read_fixed_point(TableReader& table, std::string_view key, std::optional<int> decimals,
                                             std::string_view decimals_key) {
    const toml::node* node = table.get(key, Need::Required);
    if (node == nullptr) return std::nullopt;
    const auto* as_int = node->as_integer();
    const auto* as_float = node->as_floating_point();
    const auto* as_string = node->as_string();
    if (as_int == nullptr && as_float == nullptr && as_string == nullptr) {
        table.wrong_type(key, *node, "a number", "write e.g. 0.01 or \"0.01\"");
        return std::nullopt;
    }
    if (!decimals) return std::nullopt;  // the scale is invalid and already reported

    std::string shown;
    std::expected<std::int64_t, DecimalError> raw;
    if (as_int != nullptr) {
        shown = std::to_string(as_int->get());
        raw = parse_decimal(shown, *decimals);
    } else if (as_float != nullptr) {
        shown = format_number(as_float->get());
        raw = decimal_from_double(as_float->get(), *decimals);
    } else {
        shown = "'" + as_string->get() + "'";
        raw = parse_decimal(as_string->get(), *decimals);
    }
    if (!raw) {
        if (raw.error() == DecimalError::TooPrecise) {
            char unit[32];
            table.error(key, shown + " is not exact at " + std::string(decimals_key) + " = " +
                                 std::to_string(*decimals) + " (use a multiple of " +
                                 std::string(format_decimal(1, *decimals, unit)) + " or raise " +
                                 std::string(decimals_key) + ")");
        } else {
            table.error(key, shown + " " + describe(raw.error()) + " (write a decimal number, e.g. 0.01)");
        }
        return std::nullopt;
    }
    if (*raw <= 0) {
        table.error(key, shown + " is out of range (must be > 0)");
        return std::nullopt;
    }
    return *raw;
}

}  // namespace trellis::host
