#include "marketdata/open_source.hpp"

#include "marketdata/binance_source.hpp"
#include "marketdata/binary_reader.hpp"
#include "marketdata/coinbase_source.hpp"
#include "marketdata/format_detection.hpp"
#include "marketdata/lobster_source.hpp"

namespace trellis::host {

namespace {

template <class Source>
Result<std::unique_ptr<MarketDataSource>> open_as(const SourceOptions& options, InstrumentTable& instruments) {
    auto source = Source::open(options, instruments);
    if (!source) return std::unexpected(source.error());
    return std::unique_ptr<MarketDataSource>(std::move(*source));
}

}  // namespace

Result<std::unique_ptr<MarketDataSource>> open_source(const SourceOptions& options, InstrumentTable& instruments) {
    const auto format = resolve_format(options.path, options.format);
    if (!format) return std::unexpected(format.error());
    switch (*format) {
        case DataFormat::Lobster:
            return open_as<LobsterSource>(options, instruments);
        case DataFormat::Binance:
            return open_as<BinanceSource>(options, instruments);
        case DataFormat::Coinbase:
            return open_as<CoinbaseSource>(options, instruments);
        case DataFormat::Binary:
            return open_as<BinarySource>(options, instruments);
        case DataFormat::Auto:
            break;
    }
    return fail(options.path + ": no reader for format " + std::string(to_string(*format)));
}

}  // namespace trellis::host
