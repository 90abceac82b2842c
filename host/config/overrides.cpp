#include "config/overrides.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "config/toml_values.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

namespace trellis::host {

namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        segments.emplace_back(trim_blanks(path.substr(start, dot == std::string_view::npos ? dot : dot - start)));
        if (dot == std::string_view::npos) return segments;
        start = dot + 1;
    }
}

// A TOML basic string literal for `text`, so a bare-string value is parsed
// (and labelled) the same way as every other override value.
std::string quote_toml(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

bool is_index(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The name an element can be addressed by: its `name`, or an instrument's `symbol`.
std::optional<std::string_view> element_name(const toml::node& element) {
    const auto* table = element.as_table();
    if (table == nullptr) return std::nullopt;
    for (const std::string_view key : {"name", "symbol"})
        if (const auto* s = table->get_as<std::string>(key)) return std::string_view(s->get());
    return std::nullopt;
}

class OverrideApplier {
public:
    OverrideApplier(std::string text, ConfigErrors& errors)
        : text_(std::move(text)), label_("--set '" + text_ + "'"), errors_(&errors) {}

    void apply(toml::table& root) {
        const std::size_t eq = text_.find('=');
        if (eq == std::string::npos) {
            report("", "missing '=' (write --set key.path=value, e.g. --set backtest.seed=7)");
            return;
        }
        const std::string_view key = trim_blanks(std::string_view(text_).substr(0, eq));
        const auto segments = split_path(key);
        if (std::any_of(segments.begin(), segments.end(), [](const auto& s) { return s.empty(); })) {
            report(std::string(key), "empty key in the path (write key.path=value, e.g. --set backtest.seed=7)");
            return;
        }
        auto value = make_value(std::string_view(text_).substr(eq + 1));
        if (!value) {
            report(std::string(key), "the value is not valid UTF-8 text (fix the value)");
            return;
        }
        walk(root, segments, std::move(value));
    }

private:
    void report(std::string key_path, std::string message) {
        errors_->add(ConfigLocation{label_, 0, 0, std::move(key_path)}, std::move(message));
    }

    std::unique_ptr<toml::node> make_value(std::string_view text) {
        if (auto parsed = parse_toml_value(trim_blanks(text), label_)) return parsed;
        return parse_toml_value(quote_toml(text), label_);
    }

    void walk(toml::table& root, const std::vector<std::string>& segments, std::unique_ptr<toml::node> value) {
        toml::node* current = &root;
        std::string path;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const std::string& segment = segments[i];
            const bool last = i + 1 == segments.size();
            if (auto* table = current->as_table()) {
                path += (path.empty() ? "" : ".") + segment;
                if (last) {
                    table->insert_or_assign(segment, std::move(*value));
                    return;
                }
                if (table->get(segment) == nullptr) table->insert_or_assign(segment, std::move(*new_table()));
                current = table->get(segment);
            } else if (auto* array = current->as_array()) {
                const auto index = find_element(*array, segment, path);
                if (!index) return;
                path.append("[").append(std::to_string(*index)).append("]");
                if (last) {
                    array->replace(array->cbegin() + std::ptrdiff_t(*index), std::move(*value));
                    return;
                }
                current = array->get(*index);
            } else {
                report(path, "is " + std::string(describe_type(*current)) + ", not a table, so it has no key '" +
                                 segment + "' (shorten the path)");
                return;
            }
        }
    }

    std::unique_ptr<toml::node> new_table() { return parse_toml_value("{}", label_); }

    std::optional<std::size_t> find_element(const toml::array& array, const std::string& segment,
                                            const std::string& path) {
        if (is_index(segment)) {
            const std::size_t index = segment.size() > 9 ? array.size() : std::stoul(segment);
            if (index < array.size()) return index;
            report(path, "index " + segment + " is out of range (" + path + " has " + std::to_string(array.size()) +
                             " entries" + (array.empty() ? "" : "; use 0.." + std::to_string(array.size() - 1)) + ")");
            return std::nullopt;
        }
        std::vector<std::string_view> names;
        for (std::size_t i = 0; i < array.size(); ++i) {
            const auto name = element_name(*array.get(i));
            if (!name) continue;
            if (*name == segment) return i;
            names.push_back(*name);
        }
        std::string hint = did_you_mean(segment, names);
        if (hint.empty() && array.empty()) hint = " (" + path + " has no entries)";
        if (hint.empty())
            hint = " (address an entry by index 0.." + std::to_string(array.size() - 1) + " or by name" +
                   (names.empty() ? "" : ": " + join(names)) + ")";
        report(path, "no entry named '" + segment + "'" + hint);
        return std::nullopt;
    }

    std::string text_;
    std::string label_;
    ConfigErrors* errors_;
};

}  // namespace

void apply_overrides(toml::table& root, std::span<const std::string> overrides, ConfigErrors& errors) {
    for (const auto& text : overrides) OverrideApplier(text, errors).apply(root);
}

}  // namespace trellis::host
