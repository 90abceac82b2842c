#pragma once
// Tells a market-data file's format from its first bytes (binary magic, JSON,
// CSV header or row shape), falling back on the file name.

#include <string>
#include <string_view>

#include "config/config.hpp"
#include "util/error.hpp"

namespace trellis::host {

// The inverse of to_string(DataFormat) (config/config.hpp), with a
// did-you-mean hint on a typo.
Result<DataFormat> parse_format_name(std::string_view name);

// Never returns DataFormat::Auto. A LOBSTER orderbook file is refused with a
// hint to pass the message file instead.
Result<DataFormat> detect_format(const std::string& path);

// `format` as given, or detect_format(path) when it is DataFormat::Auto.
Result<DataFormat> resolve_format(const std::string& path, DataFormat format);

}  // namespace trellis::host
