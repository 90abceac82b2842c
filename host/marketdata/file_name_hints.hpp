#pragma once
// What the vendors' file names say about their contents, for files read
// without config: LOBSTER "AMZN_2012-06-21_34200000_57600000_message_1.csv",
// Binance "BTCUSDT-bookTicker-2023-10-02.csv".

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trellis::host {

// The last path component.
std::string_view file_name_of(std::string_view path) noexcept;

// "AMZN" from a LOBSTER name; empty if the name has no '_'.
std::string_view lobster_symbol_from_name(std::string_view path) noexcept;

// "2012-06-21" from a LOBSTER name (the text between the first two '_'); may be empty.
std::string_view lobster_date_from_name(std::string_view path) noexcept;

// The orderbook file beside a message file: the last "message" in the file
// name becomes "orderbook". An error if the name has no "message".
Result<std::string> lobster_orderbook_path(std::string_view message_path);

// "BTCUSDT" from a Binance dump name; empty if the name has no '-'.
std::string_view binance_symbol_from_name(std::string_view path) noexcept;

}  // namespace trellis::host
