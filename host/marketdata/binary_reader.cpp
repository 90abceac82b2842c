#include "marketdata/binary_reader.hpp"

#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "marketdata/binary_format.hpp"
#include "marketdata/unique_fd.hpp"

namespace trellis::host {

namespace {

std::string not_ours(const std::string& path, std::string_view why) {
    return path + " is not a Trellis binary event file (" + std::string(why) +
           "); convert market data with `trellis convert IN OUT`";
}

}  // namespace

Result<BinaryEventFile> BinaryEventFile::open(std::string path) {
    auto opened = open_for_reading(path);
    if (!opened) return std::unexpected(opened.error());
    const UniqueFd fd = std::move(*opened);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return fail("cannot stat " + path + ": " + std::strerror(errno));
    const auto file_bytes = std::uint64_t(st.st_size);
    if (file_bytes < sizeof(BinaryFileHeader)) {
        if (file_bytes >= kBinaryMagic.size()) {
            char magic[kBinaryMagic.size()];
            if (::pread(fd.get(), magic, sizeof magic, 0) == ssize_t(sizeof magic) &&
                std::memcmp(magic, kBinaryMagic.data(), sizeof magic) == 0)
                return fail(path + " is truncated: " + std::to_string(file_bytes) + " bytes, shorter than the " +
                            std::to_string(sizeof(BinaryFileHeader)) + "-byte header");
        }
        return fail(not_ours(path, "only " + std::to_string(file_bytes) + " bytes"));
    }

    BinaryEventFile file;
    file.path_ = std::move(path);
    file.mapping_ = ::mmap(nullptr, file_bytes, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (file.mapping_ == MAP_FAILED) {
        file.mapping_ = nullptr;
        return fail("cannot map " + file.path_ + " into memory: " + std::strerror(errno));
    }
    file.mapping_bytes_ = file_bytes;
    // Readers go front to back: let the kernel read ahead aggressively.
    ::madvise(file.mapping_, file_bytes, MADV_SEQUENTIAL);
    ::madvise(file.mapping_, file_bytes, MADV_WILLNEED);

    const auto* base = static_cast<const char*>(file.mapping_);
    BinaryFileHeader h;
    std::memcpy(&h, base, sizeof h);
    const std::string& p = file.path_;
    if (h.magic != kBinaryMagic) return fail(not_ours(p, "bad magic number"));
    if (h.byte_order != kByteOrderMark)
        return fail(p + " was written on a machine with a different byte order; convert it again here");
    if (h.version != kBinaryVersion)
        return fail(p + " has format version " + std::to_string(h.version) + " but this build reads version " +
                    std::to_string(kBinaryVersion) + "; convert the source data again");
    if (h.event_bytes != sizeof(MarketEvent))
        return fail(p + " stores " + std::to_string(h.event_bytes) + "-byte events but this build's MarketEvent is " +
                    std::to_string(sizeof(MarketEvent)) + " bytes; convert the source data again");
    if (h.instrument_count > h.instrument_capacity || h.header_bytes != binary_header_bytes(h.instrument_capacity))
        return fail(p + " has a corrupt header (instrument table " + std::to_string(h.instrument_count) + "/" +
                    std::to_string(h.instrument_capacity) + ", events at byte " + std::to_string(h.header_bytes) + ")");
    if (h.event_count == kUnfinishedEventCount)
        return fail(p + " is incomplete: the writer never finished it (interrupted conversion?); convert again");
    if (file_bytes < h.header_bytes)
        return fail(p + " is truncated: " + std::to_string(file_bytes) +
                    " bytes, but the header and instrument table take " + std::to_string(h.header_bytes));
    const std::uint64_t event_area = file_bytes - h.header_bytes;
    if (event_area / sizeof(MarketEvent) < h.event_count)
        return fail(p + " is truncated: the header promises " + std::to_string(h.event_count) + " events but only " +
                    std::to_string(event_area) + " bytes (" + std::to_string(event_area / sizeof(MarketEvent)) +
                    " whole events) follow the header; convert again");
    if (event_area != h.event_count * sizeof(MarketEvent))
        return fail(p + " has " + std::to_string(event_area - h.event_count * sizeof(MarketEvent)) +
                    " unexpected bytes after its " + std::to_string(h.event_count) + " events (corrupt file?)");

    for (std::uint32_t i = 0; i < h.instrument_count; ++i) {
        BinaryInstrumentRecord r;
        std::memcpy(&r, base + sizeof(BinaryFileHeader) + i * sizeof(BinaryInstrumentRecord), sizeof r);
        if (r.symbol.back() != '\0' || r.symbol[0] == '\0' || r.price_decimals < 0 || r.price_decimals > 18 ||
            r.qty_decimals < 0 || r.qty_decimals > 18 || r.tick_size <= 0 || r.lot_size <= 0)
            return fail(p + " has a corrupt instrument table entry #" + std::to_string(i));
        InstrumentSpec spec;
        spec.id = InstrumentId(i);
        spec.symbol = r.symbol;
        spec.price_decimals = r.price_decimals;
        spec.qty_decimals = r.qty_decimals;
        spec.tick_size = Price{r.tick_size};
        spec.lot_size = Quantity{r.lot_size};
        file.instruments_.push_back(spec);
    }
    // header_bytes is a multiple of 64 and mmap is page aligned: the records are aligned.
    file.events_ = {reinterpret_cast<const MarketEvent*>(base + h.header_bytes), std::size_t(h.event_count)};
    return file;
}

BinaryEventFile::BinaryEventFile(BinaryEventFile&& other) noexcept { *this = std::move(other); }

BinaryEventFile& BinaryEventFile::operator=(BinaryEventFile&& other) noexcept {
    if (this != &other) {
        unmap();
        path_ = std::move(other.path_);
        mapping_ = std::exchange(other.mapping_, nullptr);
        mapping_bytes_ = std::exchange(other.mapping_bytes_, 0);
        events_ = std::exchange(other.events_, {});
        instruments_ = std::move(other.instruments_);
    }
    return *this;
}

BinaryEventFile::~BinaryEventFile() { unmap(); }

void BinaryEventFile::unmap() noexcept {
    if (mapping_) ::munmap(mapping_, mapping_bytes_);
    mapping_ = nullptr;
    events_ = {};
}

Result<std::unique_ptr<BinarySource>> BinarySource::open(const SourceOptions& options, InstrumentTable& instruments) {
    auto file = BinaryEventFile::open(options.path);
    if (!file) return std::unexpected(file.error());
    std::vector<InstrumentId> table_ids;
    for (const InstrumentSpec& stored : file->instruments()) {
        const InstrumentDefaults as_stored{stored.price_decimals, stored.qty_decimals, stored.tick_size.raw,
                                           stored.lot_size.raw};
        auto id = instruments.resolve(stored.name(), as_stored);
        if (!id) return fail(options.path + ": " + id.error().message);
        const InstrumentSpec& wanted = instruments.at(*id);
        if (wanted.price_decimals != stored.price_decimals || wanted.qty_decimals != stored.qty_decimals)
            return fail(options.path + ": instrument '" + std::string(stored.name()) + "' is stored with " +
                        std::to_string(stored.price_decimals) + " price / " + std::to_string(stored.qty_decimals) +
                        " qty decimals but wanted with " + std::to_string(wanted.price_decimals) + " / " +
                        std::to_string(wanted.qty_decimals) + "; fix the instrument or convert the data again");
        table_ids.push_back(*id);
    }
    return std::unique_ptr<BinarySource>(new BinarySource(std::move(*file), std::move(table_ids)));
}

BinarySource::BinarySource(BinaryEventFile file, std::vector<InstrumentId> table_ids)
    : file_(std::move(file)), table_ids_(std::move(table_ids)) {}

Result<bool> BinarySource::next(MarketEvent& event) {
    const auto events = file_.events();
    if (next_ == events.size()) return false;
    event = events[next_];
    // A record is only as good as the disk it came from: check what indexes tables downstream.
    const auto type = std::uint8_t(event.type);
    if (event.instrument >= table_ids_.size() || type < std::uint8_t(MarketEventType::Quote) ||
        type > std::uint8_t(MarketEventType::Halt))
        return fail(file_.path() + ": event #" + std::to_string(next_) + " is corrupt (instrument id " +
                    std::to_string(event.instrument) + ", type " + std::to_string(type) + ")");
    event.instrument = table_ids_[event.instrument];
    ++next_;
    ++stats_.rows;
    ++stats_.events;
    return true;
}

}  // namespace trellis::host
