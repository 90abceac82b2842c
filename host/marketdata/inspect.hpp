#pragma once
// `trellis data inspect FILE`: what a market-data file holds — format, event
// count, time range, instruments, first and last best bid/ask, bad rows. Bad
// rows are counted, not fatal, so one report shows all the trouble.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "marketdata/tool_source.hpp"

namespace trellis::host {

// One side of a best bid/ask as seen in a Quote event.
struct BestPriceSample {
    std::string symbol;
    Timestamp ts = 0;
    Price price;
    Quantity qty;
    std::int32_t price_decimals = 0;
    std::int32_t qty_decimals = 0;

    std::string price_text() const;  // exact, e.g. "223.1800"
    std::string qty_text() const;    // exact, e.g. "100"
    double price_value() const;      // currency units, for JSON
};

struct InspectReport {
    std::string path;
    DataFormat format = DataFormat::Auto;
    std::uint64_t rows = 0;
    std::uint64_t events = 0;
    std::array<std::uint64_t, 8> events_by_type{};  // indexed by MarketEventType
    std::uint64_t out_of_order = 0;                 // events earlier than the one before
    std::optional<Timestamp> first_ts;
    std::optional<Timestamp> last_ts;
    std::vector<std::string> instruments;
    // From Quote events; a side counts as seen only when it was not empty.
    std::optional<BestPriceSample> first_bid, first_ask, last_bid, last_ask;
    std::uint64_t rejected_rows = 0;
    std::vector<std::string> first_rejections;
};

Result<InspectReport> inspect(const std::string& path, const ToolOptions& options = {});

// A few aligned lines for people.
std::string format_inspect_text(const InspectReport& report);
// One JSON object with exactly the keys format, events, first_ts_ns, last_ts_ns,
// instruments, first_bid, first_ask, last_bid, last_ask, rejected_rows (prices
// as numbers in currency units, null when never seen).
std::string format_inspect_json(const InspectReport& report);

}  // namespace trellis::host
