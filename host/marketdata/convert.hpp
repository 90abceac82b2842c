#pragma once
// `trellis convert IN OUT`: any supported market-data file → Trellis binary
// event file. Written to a temporary file beside OUT and renamed on success,
// so a failed conversion never leaves a half-written OUT (and an existing OUT
// stays as it was).

#include <cstdint>
#include <string>
#include <vector>

#include "marketdata/tool_source.hpp"

namespace trellis::host {

struct ConvertOptions {
    ToolOptions input;
    bool skip_bad_rows = false;  // count and drop malformed rows instead of failing
};

struct ConvertReport {
    std::string input;
    std::string output;
    DataFormat input_format = DataFormat::Auto;
    std::uint64_t rows = 0;
    std::uint64_t events = 0;
    std::uint64_t rejected_rows = 0;
    std::vector<std::string> first_rejections;
    std::vector<InstrumentSpec> instruments;
    std::uint64_t output_bytes = 0;
};

Result<ConvertReport> convert(const std::string& input, const std::string& output, const ConvertOptions& options = {});

// A short summary for people.
std::string format_convert_text(const ConvertReport& report);

}  // namespace trellis::host
