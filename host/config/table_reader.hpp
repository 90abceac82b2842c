#pragma once
// Typed, checked access to one TOML table. Each accessor records its key as
// part of the schema, reports a wrong type / out-of-range / missing value to
// the shared error list (and returns nullopt), so one pass finds every problem.
// reject_unknown_keys() then flags every key the schema never asked about.

#include <toml++/toml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/schema_context.hpp"

namespace trellis::host {

enum class Need { Optional, Required };

class TableReader {
public:
    TableReader(const toml::table& table, std::string key_path, const SchemaContext& context);

    const SchemaContext& context() const noexcept { return *context_; }
    const std::string& key_path() const noexcept { return key_path_; }
    std::string key_path(std::string_view key) const;  // "instruments[0]" + key → "instruments[0].key"

    ConfigLocation where() const;                      // the table itself
    ConfigLocation where(std::string_view key) const;  // the key's value, or the table when absent

    // Marks `key` as part of the schema and returns its value (nullptr if
    // absent, which is reported when the key is required).
    const toml::node* get(std::string_view key, Need need = Need::Optional);

    std::optional<std::string> string(std::string_view key, Need need);
    std::optional<bool> boolean(std::string_view key, Need need);
    std::optional<std::int64_t> integer(std::string_view key, Need need,
                                        std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                        std::int64_t max = std::numeric_limits<std::int64_t>::max());
    // A float or an integer; must be finite.
    std::optional<double> number(std::string_view key, Need need, double min = std::numeric_limits<double>::lowest(),
                                 double max = std::numeric_limits<double>::max());
    // An array of strings (each element checked).
    std::optional<std::vector<std::string>> string_array(std::string_view key);
    // An optional sub-table.
    std::optional<TableReader> table(std::string_view key);
    // The entries of `[[key]]` (an array of tables). Required means at least one.
    std::vector<TableReader> table_array(std::string_view key, Need need);

    // The table's entries, for tables whose keys are free-form (plugin params).
    const toml::table& entries() const noexcept { return *table_; }

    // Problem reports about a key of this table.
    void error(std::string_view key, std::string message) const;
    void wrong_type(std::string_view key, const toml::node& got, std::string_view expected, std::string_view fix) const;

    // Reports every key the schema did not ask about, with a did-you-mean
    // among the keys it did ask about.
    void reject_unknown_keys() const;

private:
    void missing(std::string_view key) const;

    const toml::table* table_;
    std::string key_path_;
    const SchemaContext* context_;
    std::vector<std::string> known_keys_;
};

}  // namespace trellis::host
