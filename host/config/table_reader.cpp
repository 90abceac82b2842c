#include "config/table_reader.hpp"

#include <algorithm>
#include <cmath>

#include "config/toml_values.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

std::string range_text(std::string min, std::string max, bool has_min, bool has_max) {
    if (has_min && has_max) return "must be between " + min + " and " + max;
    if (has_min) return "must be >= " + min;
    return "must be <= " + max;
}

}  // namespace

TableReader::TableReader(const toml::table& table, std::string key_path, const SchemaContext& context)
    : table_(&table), key_path_(std::move(key_path)), context_(&context) {}

std::string TableReader::key_path(std::string_view key) const {
    return key_path_.empty() ? std::string(key) : key_path_ + "." + std::string(key);
}

ConfigLocation TableReader::where() const { return context_->locate(table_->source(), key_path_); }

ConfigLocation TableReader::where(std::string_view key) const {
    const toml::node* node = table_->get(key);
    return context_->locate(node != nullptr ? node->source() : table_->source(), key_path(key));
}

const toml::node* TableReader::get(std::string_view key, Need need) {
    if (std::find(known_keys_.begin(), known_keys_.end(), key) == known_keys_.end()) known_keys_.emplace_back(key);
    const toml::node* node = table_->get(key);
    if (node == nullptr && need == Need::Required) missing(key);
    return node;
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
    const toml::node* node = get(key, need);
    if (node == nullptr) return std::nullopt;
    if (const auto* s = node->as_string()) return s->get();
    wrong_type(key, *node, "a string", "put the value in double quotes");
    return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
    const toml::node* node = get(key, need);
    if (node == nullptr) return std::nullopt;
    if (const auto* b = node->as_boolean()) return b->get();
    wrong_type(key, *node, "true or false", "write true or false without quotes");
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max) {
    const toml::node* node = get(key, need);
    if (node == nullptr) return std::nullopt;
    const auto* i = node->as_integer();
    if (i == nullptr) {
        wrong_type(key, *node, "an integer", "write a whole number without quotes");
        return std::nullopt;
    }
    const std::int64_t value = i->get();
    if (value < min || value > max) {
        error(key,
              std::to_string(value) + " is out of range (" +
                  range_text(std::to_string(min), std::to_string(max), min != std::numeric_limits<std::int64_t>::min(),
                             max != std::numeric_limits<std::int64_t>::max()) +
                  ")");
        return std::nullopt;
    }
    return value;
}

std::optional<double> TableReader::number(std::string_view key, Need need, double min, double max) {
    const toml::node* node = get(key, need);
    if (node == nullptr) return std::nullopt;
    double value = 0.0;
    if (const auto* f = node->as_floating_point()) {
        value = f->get();
    } else if (const auto* i = node->as_integer()) {
        value = double(i->get());
    } else {
        wrong_type(key, *node, "a number", "write the number without quotes, e.g. 0.5");
        return std::nullopt;
    }
    if (!std::isfinite(value)) {
        error(key, format_number(value) + " is not a finite number (write a regular number)");
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(key, format_number(value) + " is out of range (" +
                       range_text(format_number(min), format_number(max), min != std::numeric_limits<double>::lowest(),
                                  max != std::numeric_limits<double>::max()) +
                       ")");
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<std::string>> TableReader::string_array(std::string_view key) {
    const toml::node* node = get(key);
    if (node == nullptr) return std::nullopt;
    const auto* array = node->as_array();
    if (array == nullptr) {
        wrong_type(key, *node, "an array of strings", "write e.g. [\"a\", \"b\"]");
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool all_strings = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& element = *array->get(i);
        if (const auto* s = element.as_string()) {
            values.push_back(s->get());
        } else {
            all_strings = false;
            context_->error(
                context_->locate(element.source(), key_path(key) + "[" + std::to_string(i) + "]"),
                "expected a string, got " + std::string(describe_type(element)) + " (put the value in double quotes)");
        }
    }
    if (!all_strings) return std::nullopt;
    return values;
}

std::optional<TableReader> TableReader::table(std::string_view key) {
    const toml::node* node = get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* t = node->as_table()) return TableReader(*t, key_path(key), *context_);
    wrong_type(key, *node, "a table", "write it as a [" + key_path(key) + "] section");
    return std::nullopt;
}

std::vector<TableReader> TableReader::table_array(std::string_view key, Need need) {
    std::vector<TableReader> entries;
    const toml::node* node = get(key);
    const std::string header = "[[" + key_path(key) + "]]";
    if (node == nullptr) {
        if (need == Need::Required)
            error(key, "at least one " + header + " table is required (add a " + header + " section)");
        return entries;
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
        wrong_type(key, *node, "an array of tables", "write each entry as a " + header + " section");
        return entries;
    }
    if (array->empty() && need == Need::Required)
        error(key, "at least one entry is required (add a " + header + " section)");
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& element = *array->get(i);
        const std::string element_path = key_path(key) + "[" + std::to_string(i) + "]";
        if (const auto* t = element.as_table()) {
            entries.emplace_back(*t, element_path, *context_);
        } else {
            context_->error(context_->locate(element.source(), element_path),
                            "expected a table, got " + std::string(describe_type(element)) +
                                " (write each entry as a " + header + " section)");
        }
    }
    return entries;
}

void TableReader::error(std::string_view key, std::string message) const {
    context_->error(where(key), std::move(message));
}

void TableReader::missing(std::string_view key) const {
    context_->error(where(key), "missing required key '" + std::string(key) + "' (add it to this table)");
}

void TableReader::wrong_type(std::string_view key, const toml::node& got, std::string_view expected,
                             std::string_view fix) const {
    error(key, "expected " + std::string(expected) + ", got " + std::string(describe_type(got)) + " (" +
                   std::string(fix) + ")");
}

void TableReader::reject_unknown_keys() const {
    const std::vector<std::string_view> candidates(known_keys_.begin(), known_keys_.end());
    for (const auto& [key, value] : *table_) {
        if (std::find(known_keys_.begin(), known_keys_.end(), key.str()) != known_keys_.end()) continue;
        // Point at the key itself; a key inserted by --set has no position, its value does.
        const toml::source_region& region = key.source().path ? key.source() : value.source();
        std::string hint = did_you_mean(key.str(), candidates);
        if (hint.empty()) hint = " (valid keys here: " + join(candidates) + ")";
        context_->error(context_->locate(region, key_path(key.str())), "unknown key" + hint);
    }
}

}  // namespace trellis::host
