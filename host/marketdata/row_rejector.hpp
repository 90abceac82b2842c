#pragma once
// One policy for malformed input rows, shared by every text reader: strict
// mode turns the row into an error, skip mode counts it in SourceStats and
// keeps the first few messages for the report.

#include <cstdint>
#include <string>
#include <string_view>

#include "marketdata/market_data_source.hpp"
#include "util/decimal.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace trellis::host {

// "path:line: reason" — the shape of every row error.
std::string row_error(std::string_view path, std::uint64_t line, std::string_view reason);

// Why a price or size field did not parse at the instrument's scale, naming
// the setting that decides it (`scale_key`, e.g. "price_decimals"):
// "has more than 2 decimals (the instrument's price_decimals); refusing to round".
std::string decimal_problem(DecimalError error, int decimals, std::string_view scale_key);

class RowRejector {
public:
    static constexpr std::size_t kKeptMessages = 5;

    RowRejector(bool skip_bad_rows, SourceStats& stats) noexcept : skip_(skip_bad_rows), stats_(&stats) {}

    // Strict mode: returns the error. Skip mode: records it and returns success,
    // so the caller moves on to the next row.
    Result<void> reject(std::string message);

    bool skipping() const noexcept { return skip_; }

private:
    bool skip_;
    SourceStats* stats_;
};

}  // namespace trellis::host
