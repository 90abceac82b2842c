#pragma once
// Reads a Trellis binary event file by mapping it into memory: the records are
// used in place, never copied into a container. events() is the fastest way
// through a file; BinarySource adapts it to MarketDataSource.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "marketdata/instrument_table.hpp"
#include "marketdata/market_data_source.hpp"
#include "marketdata/source_options.hpp"
#include "trellis/events.hpp"

namespace trellis::host {

class BinaryEventFile {
public:
    // Maps and validates `path`: magic, version, byte order, record size,
    // instrument table, that the writer finished, and that the size matches
    // the event count (truncated or padded files are refused).
    static Result<BinaryEventFile> open(std::string path);

    BinaryEventFile(BinaryEventFile&& other) noexcept;
    BinaryEventFile& operator=(BinaryEventFile&& other) noexcept;
    BinaryEventFile(const BinaryEventFile&) = delete;
    BinaryEventFile& operator=(const BinaryEventFile&) = delete;
    ~BinaryEventFile();

    // The records in file order, straight from the mapping. Instrument ids
    // index instruments() (the file's own table).
    std::span<const MarketEvent> events() const noexcept { return events_; }
    // The file's instrument table; InstrumentSpec::id is the index.
    const std::vector<InstrumentSpec>& instruments() const noexcept { return instruments_; }
    const std::string& path() const noexcept { return path_; }

private:
    BinaryEventFile() = default;
    void unmap() noexcept;

    std::string path_;
    void* mapping_ = nullptr;
    std::size_t mapping_bytes_ = 0;
    std::span<const MarketEvent> events_;
    std::vector<InstrumentSpec> instruments_;
};

class BinarySource final : public MarketDataSource {
public:
    // Maps the file's instruments onto `instruments` by symbol: known symbols
    // must have the same decimals as in the file; unknown ones are added if the
    // table allows, else refused.
    static Result<std::unique_ptr<BinarySource>> open(const SourceOptions& options, InstrumentTable& instruments);

    Result<bool> next(MarketEvent& event) override;
    const SourceStats& stats() const override { return stats_; }
    // Records read / records in the file.
    double progress() const override { return progress_fraction(next_, file_.events().size()); }
    const BinaryEventFile& file() const noexcept { return file_; }

private:
    BinarySource(BinaryEventFile file, std::vector<InstrumentId> table_ids);

    BinaryEventFile file_;
    std::vector<InstrumentId> table_ids_;  // file instrument id → table id
    std::size_t next_ = 0;
    SourceStats stats_;
};

}  // namespace trellis::host
