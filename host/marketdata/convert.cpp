#include "marketdata/convert.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "marketdata/binary_writer.hpp"

namespace trellis::host {

namespace {

// Deletes the temporary output unless the conversion succeeded and renamed it.
class TemporaryFile {
public:
    explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (!path_.empty()) ::unlink(path_.c_str());
    }
    const std::string& path() const noexcept { return path_; }
    Result<void> commit_as(const std::string& final_path) {
        if (::rename(path_.c_str(), final_path.c_str()) != 0)
            return fail("cannot move the converted file to " + final_path + ": " + std::strerror(errno));
        path_.clear();
        return {};
    }

private:
    std::string path_;
};

// A unique empty file beside `output` (same directory, so rename is atomic).
Result<std::string> make_temporary_beside(const std::string& output) {
    std::string pattern = output + ".tmp-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return fail("cannot create a temporary file beside " + output + ": " + std::strerror(errno));
    ::fchmod(fd, 0644);  // mkstemp makes 0600; the result is a normal data file
    ::close(fd);
    return pattern;
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {
    }, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

}  // namespace

Result<ConvertReport> convert(const std::string& input, const std::string& output, const ConvertOptions& options) {
    if (same_file(input, output))
        return fail("refusing to convert " + input + " onto itself; choose another output path");
    InstrumentTable instruments = tool_instrument_table(options.input);
    auto opened = open_tool_source(input, options.input, options.skip_bad_rows, instruments);
    if (!opened) return std::unexpected(opened.error());

    auto temporary_path = make_temporary_beside(output);
    if (!temporary_path) return std::unexpected(temporary_path.error());
    TemporaryFile temporary(std::move(*temporary_path));
    auto writer = BinaryEventWriter::create(temporary.path());
    if (!writer) return std::unexpected(writer.error());

    MarketDataSource& source = *opened->source;
    const auto copied = for_each_event(source, [&](const MarketEvent& event) { return writer->write(event); });
    if (!copied) return std::unexpected(copied.error());
    if (auto finished = writer->finish(instruments.specs()); !finished) return std::unexpected(finished.error());

    struct stat st {};
    const std::uint64_t bytes = ::stat(temporary.path().c_str(), &st) == 0 ? std::uint64_t(st.st_size) : 0;
    if (auto moved = temporary.commit_as(output); !moved) return std::unexpected(moved.error());

    const SourceStats& stats = source.stats();
    ConvertReport report;
    report.input = input;
    report.output = output;
    report.input_format = opened->format;
    report.rows = stats.rows;
    report.events = writer->events_written();
    report.rejected_rows = stats.rejected_rows;
    report.first_rejections = stats.first_rejections;
    report.instruments.assign(instruments.specs().begin(), instruments.specs().end());
    report.output_bytes = bytes;
    return report;
}

std::string format_convert_text(const ConvertReport& r) {
    std::string symbols;
    for (const InstrumentSpec& spec : r.instruments) {
        symbols += (symbols.empty() ? "" : ", ") + std::string(spec.name()) + " (price decimals " +
                   std::to_string(spec.price_decimals) + ", qty decimals " + std::to_string(spec.qty_decimals) + ")";
    }
    std::string out = "converted " + r.input + " (" + std::string(to_string(r.input_format)) + ") → " + r.output + "\n";
    out += "  " + std::to_string(r.rows) + " rows → " + std::to_string(r.events) + " events, " +
           std::to_string(r.output_bytes) + " bytes\n";
    out += "  instruments: " + (symbols.empty() ? std::string("none") : symbols) + "\n";
    if (r.rejected_rows > 0) {
        out += "  skipped " + std::to_string(r.rejected_rows) + " malformed rows:\n";
        for (const std::string& message : r.first_rejections) out += "    " + message + "\n";
    }
    return out;
}

}  // namespace trellis::host
