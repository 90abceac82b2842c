#pragma once
// Readers for the schema's domain values (durations, timestamps, dates, file
// paths, fixed-point sizes, enumerations) on top of TableReader. Each records
// any problem against the key and returns nullopt, like TableReader itself.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/table_reader.hpp"
#include "trellis/types.hpp"

namespace trellis::host {

enum class DurationFloor { Zero, Positive };  // ">= 0" or "> 0"

// A string with a unit ("250us", "1.5ms") or an integer number of nanoseconds.
std::optional<Duration> read_duration(TableReader& table, std::string_view key, DurationFloor floor);

// A TOML offset date-time (2012-06-21T09:30:00Z) or the same as an RFC 3339 string.
std::optional<Timestamp> read_timestamp(TableReader& table, std::string_view key);

// A date as a "YYYY-MM-DD" string or a TOML local date; returns the YYYY-MM-DD text.
std::optional<std::string> read_date(TableReader& table, std::string_view key);

// A string that must be one of `choices`; returns the index of the match.
std::optional<std::size_t> read_choice(TableReader& table, std::string_view key,
                                       std::span<const std::string_view> choices);

// A string that must equal one of `names` (an instance elsewhere in the config,
// described by `what`, e.g. "[[adapters]] entry").
std::optional<std::string> read_reference(TableReader& table, std::string_view key,
                                          std::span<const std::string_view> names, std::string_view what);

enum class FileCheck { None, MustExist };

// A path, absolute after resolving against the config file's directory.
std::optional<std::string> read_path(TableReader& table, std::string_view key, Need need, FileCheck check);

// A required, positive size (tick_size, lot_size) written as an integer, a float
// or a decimal string, stored raw at `decimals` (which comes from `decimals_key`
// and is nullopt when that key was itself invalid: then only the type is checked).
std::optional<std::int64_t> read_fixed_point(TableReader& table, std::string_view key, std::optional<int> decimals,
                                             std::string_view decimals_key);

}  // namespace trellis::host
