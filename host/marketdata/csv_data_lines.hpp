#pragma once
// The data rows of a CSV file: an optional header line (only as the first
// line) and blank lines are passed over.

#include "marketdata/csv_fields.hpp"
#include "marketdata/line_reader.hpp"

namespace trellis::host {

class CsvDataLines {
public:
    explicit CsvDataLines(LineReader reader) noexcept : reader_(std::move(reader)) {}

    // The next data row; false at the end of the file.
    Result<bool> next(std::string_view& line) {
        for (;;) {
            auto more = reader_.next(line);
            if (!more || !*more) return more;
            const bool first = reader_.line_number() == 1;
            if (is_blank(line) || (first && looks_like_header(line))) continue;
            return true;
        }
    }
    std::uint64_t line_number() const noexcept { return reader_.line_number(); }
    const std::string& path() const noexcept { return reader_.path(); }
    const LineReader& reader() const noexcept { return reader_; }

private:
    LineReader reader_;
};

}  // namespace trellis::host
