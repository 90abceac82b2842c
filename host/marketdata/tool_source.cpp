#include "marketdata/tool_source.hpp"

#include "marketdata/format_detection.hpp"
#include "marketdata/open_source.hpp"

namespace trellis::host {

InstrumentTable tool_instrument_table(const ToolOptions& options) {
    return InstrumentTable(AutoAddPolicy{true, options.price_decimals, options.qty_decimals});
}

Result<ToolSource> open_tool_source(const std::string& path, const ToolOptions& options, bool skip_bad_rows,
                                    InstrumentTable& instruments) {
    SourceOptions source_options;
    source_options.path = path;
    // Resolved here rather than in open_source, so the report can say which format was read.
    auto format = resolve_format(path, options.format);
    if (!format) return std::unexpected(format.error());
    source_options.format = *format;
    source_options.symbol = options.symbol;
    source_options.orderbook = options.orderbook;
    source_options.date = options.date;
    source_options.skip_bad_rows = skip_bad_rows;
    auto source = open_source(source_options, instruments);
    if (!source) return std::unexpected(source.error());
    return ToolSource{source_options.format, std::move(*source)};
}

}  // namespace trellis::host
