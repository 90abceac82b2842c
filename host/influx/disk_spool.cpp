#include "influx/disk_spool.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "influx/gzip.hpp"
#include "influx/spool_record.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {

constexpr std::string_view kLogSource = "influx-spool";
constexpr std::string_view kSegmentSuffix = ".spool";
constexpr const char* kHeadFile = "head";
constexpr const char* kHeadTempFile = "head.tmp";
constexpr const char* kLockFile = "lock";

std::string errno_text() { return std::strerror(errno); }

// "00000042.spool" -> 42; nullopt for any other name.
std::optional<std::uint64_t> segment_number(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    if (!name.ends_with(kSegmentSuffix) || name.size() == kSegmentSuffix.size()) return std::nullopt;
    std::uint64_t number = 0;
    for (const char c : std::string_view(name).substr(0, name.size() - kSegmentSuffix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return number;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return data;
}

}  // namespace

Result<std::unique_ptr<DiskSpool>> DiskSpool::open(DiskSpoolOptions options, WriterMetrics& metrics, Logger& logger) {
    if (options.dir.empty()) return fail("the spool directory is empty; set a directory for undelivered batches");
    if (options.max_bytes == 0) return fail("the spool bound is 0 bytes; set a positive spool size");
    if (options.segment_bytes == 0) return fail("the spool segment size is 0 bytes; set a positive size");
    std::error_code error;
    std::filesystem::create_directories(options.dir, error);
    if (error) {
        return fail("cannot create the spool directory " + options.dir.string() + ": " + error.message() +
                    "; check the path and its permissions");
    }
    const auto lock_path = options.dir / kLockFile;
    const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0) return fail("cannot open " + lock_path.string() + ": " + errno_text());
    // Two writers replaying and appending the same segments would duplicate
    // and interleave batches; the kernel drops the lock when a process dies.
    if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock_fd);
        return fail("the spool directory " + options.dir.string() +
                    " is in use by another process; give each trellis-influx its own spool directory");
    }
    std::unique_ptr<DiskSpool> spool(new DiskSpool(std::move(options), metrics, logger, lock_fd));
    if (auto recovered = spool->recover(); !recovered) return std::unexpected(recovered.error());
    return spool;
}

DiskSpool::DiskSpool(DiskSpoolOptions options, WriterMetrics& metrics, Logger& logger, int lock_fd)
    : options_(std::move(options)), metrics_(metrics), logger_(logger), lock_fd_(lock_fd) {}

DiskSpool::~DiskSpool() {
    close_writable_segment();
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::filesystem::path DiskSpool::segment_path(std::uint64_t number) const {
    char name[32];
    std::snprintf(name, sizeof name, "%08llu.spool", static_cast<unsigned long long>(number));
    return options_.dir / name;
}

Result<void> DiskSpool::recover() {
    std::vector<std::uint64_t> numbers;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(options_.dir, error)) {
        if (const auto number = segment_number(entry.path()); number && entry.is_regular_file()) {
            numbers.push_back(*number);
        }
    }
    if (error) return fail("cannot list the spool directory " + options_.dir.string() + ": " + error.message());
    std::sort(numbers.begin(), numbers.end());

    // Where delivery stopped; without a head file nothing was delivered yet.
    std::uint64_t head_segment = numbers.empty() ? 0 : numbers.front();
    std::uint64_t head_offset = 0;
    if (const auto head = read_whole_file(options_.dir / kHeadFile)) {
        unsigned long long segment = 0;
        unsigned long long offset = 0;
        if (std::sscanf(head->c_str(), "%llu %llu", &segment, &offset) == 2) {
            head_segment = segment;
            head_offset = offset;
        } else {
            logger_.log(LogLevel::Warn, kLogSource,
                        "the spool head file " + (options_.dir / kHeadFile).string() +
                            " is unreadable; replaying the whole spool (InfluxDB overwrites identical points)");
        }
    }

    for (const auto number : numbers) {
        if (number < head_segment) {
            std::filesystem::remove(segment_path(number), error);  // delivered before the last stop
            continue;
        }
        if (auto segment = recover_segment(number, number == head_segment ? head_offset : 0); !segment) {
            return segment;
        }
    }
    if (!numbers.empty()) next_segment_ = numbers.back() + 1;
    after_front_changed();
    if (!records_.empty()) {
        std::uint64_t points = 0;
        for (const auto& record : records_) points += record.points;
        logger_.log(LogLevel::Info, kLogSource,
                    "spool " + options_.dir.string() + " holds " + std::to_string(records_.size()) +
                        " undelivered batches (" + std::to_string(points) + " points); they are sent first");
    }
    return {};
}

Result<void> DiskSpool::recover_segment(std::uint64_t number, std::uint64_t delivered_offset) {
    const auto path = segment_path(number);
    const auto data = read_whole_file(path);
    if (!data) return fail("cannot read the spool segment " + path.string() + ": check its permissions");
    std::uint64_t offset = 0;
    while (offset < data->size()) {
        const RecordView record = read_spool_record(std::string_view(*data).substr(offset));
        if (record.check != RecordCheck::Valid) {
            // A crash mid-append leaves a torn record; nothing after a damaged
            // record can be trusted (its length field may be wrong), so the
            // segment ends here.
            logger_.log(LogLevel::Warn, kLogSource,
                        "spool segment " + path.string() + ": cut a " +
                            (record.check == RecordCheck::Torn ? "torn" : "corrupt") + " record at byte " +
                            std::to_string(offset) + " (" + std::to_string(data->size() - offset) +
                            " bytes dropped; a torn last record is what a crash during an append leaves)");
            std::filesystem::resize_file(path, offset);
            break;
        }
        if (offset >= delivered_offset) {
            records_.push_back({next_id_++, number, offset, record.total_bytes(), record.header.points});
        }
        offset += record.total_bytes();
    }
    segments_.push_back({number, offset});
    bytes_ += offset;
    return {};
}

std::optional<std::uint64_t> DiskSpool::append(const LineBatch& batch) {
    auto drop = [&](const std::string& why) -> std::optional<std::uint64_t> {
        metrics_.spool_dropped_points.fetch_add(batch.points, std::memory_order_relaxed);
        logger_.log(LogLevel::Error, kLogSource,
                    "dropped a batch of " + std::to_string(batch.points) + " points: " + why);
        return std::nullopt;
    };
    // The body submit() already compressed for the POST is the same gzip of the lines: stored as is.
    auto payload =
        batch.body.empty() ? gzip_compress(batch.lines, options_.gzip_level) : Result<std::string>(batch.body);
    if (!payload) return drop("it could not be compressed for the spool: " + payload.error().message);
    const std::string record = encode_spool_record(*payload, batch.points);
    if (record.size() > options_.max_bytes) {
        return drop("it alone (" + std::to_string(record.size()) + " bytes) exceeds the spool bound of " +
                    std::to_string(options_.max_bytes) + " bytes; raise the spool size");
    }
    while (bytes_ + record.size() > options_.max_bytes && !segments_.empty()) {
        drop_oldest_segment("the spool reached its bound");
    }
    if (!open_writable_segment(record.size())) {
        return drop("cannot create a segment in " + options_.dir.string() + ": " + errno_text());
    }
    Segment& segment = segments_.back();
    if (!write_all(write_fd_, record)) {
        const std::string why = errno_text();
        if (::ftruncate(write_fd_, static_cast<off_t>(segment.bytes)) != 0) {
            close_writable_segment();  // never append behind a partial record
        }
        return drop("writing " + segment_path(segment.number).string() + " failed: " + why);
    }
    const std::uint64_t id = next_id_++;
    records_.push_back({id, segment.number, segment.bytes, record.size(), batch.points});
    segment.bytes += record.size();
    bytes_ += record.size();
    metrics_.spooled_batches.fetch_add(1, std::memory_order_relaxed);
    if (records_.size() == 1) write_head(segment.number, records_.front().offset);
    update_gauge();
    return id;
}

bool DiskSpool::open_writable_segment(std::uint64_t record_bytes) {
    if (write_fd_ >= 0 && segments_.back().bytes + record_bytes <= options_.segment_bytes) return true;
    if (write_fd_ >= 0 && segments_.back().bytes == 0) return true;  // an oversized record gets a segment alone
    close_writable_segment();
    const std::uint64_t number = next_segment_++;
    write_fd_ = ::open(segment_path(number).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (write_fd_ < 0) return false;
    segments_.push_back({number, 0});
    return true;
}

void DiskSpool::close_writable_segment() {
    if (write_fd_ >= 0) ::close(write_fd_);
    write_fd_ = -1;
}

void DiskSpool::drop_oldest_segment(const char* why) {
    const Segment oldest = segments_.front();
    std::uint64_t batches = 0;
    std::uint64_t points = 0;
    while (!records_.empty() && records_.front().segment == oldest.number) {
        points += records_.front().points;
        ++batches;
        records_.pop_front();
    }
    metrics_.spool_dropped_points.fetch_add(points, std::memory_order_relaxed);
    logger_.log(LogLevel::Error, kLogSource,
                std::string(why) + ": dropped the oldest segment " + segment_path(oldest.number).string() + " with " +
                    std::to_string(batches) + " undelivered batches (" + std::to_string(points) +
                    " points); raise the spool size or fix the InfluxDB outage");
    if (segments_.size() == 1) close_writable_segment();
    std::error_code ignored;
    std::filesystem::remove(segment_path(oldest.number), ignored);
    bytes_ -= oldest.bytes;
    segments_.pop_front();
    after_front_changed();
}

std::optional<std::uint64_t> DiskSpool::front_id() const {
    if (records_.empty()) return std::nullopt;
    return records_.front().id;
}

std::optional<DiskSpool::Entry> DiskSpool::read_front() {
    while (!records_.empty()) {
        const RecordRef ref = records_.front();
        const auto path = segment_path(ref.segment);
        std::string bytes(ref.bytes, '\0');
        std::string problem;
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            problem = "cannot open it: " + errno_text();
        } else {
            const ssize_t got = ::pread(fd, bytes.data(), bytes.size(), static_cast<off_t>(ref.offset));
            if (got != static_cast<ssize_t>(bytes.size())) problem = "it is shorter than recorded";
            ::close(fd);
        }
        if (problem.empty()) {
            const RecordView record = read_spool_record(bytes);
            if (record.check == RecordCheck::Valid) {
                auto lines = gzip_decompress(record.payload);
                // The stored gzip goes along as the body, so a replay is not compressed again for the POST.
                if (lines) return Entry{ref.id, LineBatch{std::move(*lines), ref.points, std::string(record.payload)}};
                problem = lines.error().message;
            } else {
                problem = "the record's checksum or header does not match";
            }
        }
        metrics_.spool_dropped_points.fetch_add(ref.points, std::memory_order_relaxed);
        logger_.log(LogLevel::Error, kLogSource,
                    "spool segment " + path.string() + ": the record at byte " + std::to_string(ref.offset) +
                        " no longer reads back (" + problem + "); dropped its " + std::to_string(ref.points) +
                        " points");
        records_.pop_front();
        after_front_changed();
    }
    return std::nullopt;
}

void DiskSpool::pop_front(std::uint64_t id) {
    if (records_.empty() || records_.front().id != id) return;
    records_.pop_front();
    after_front_changed();
}

void DiskSpool::after_front_changed() {
    std::error_code ignored;
    if (records_.empty()) {
        // Everything delivered: start over with no files at all.
        close_writable_segment();
        for (const auto& segment : segments_) std::filesystem::remove(segment_path(segment.number), ignored);
        segments_.clear();
        bytes_ = 0;
        std::filesystem::remove(options_.dir / kHeadFile, ignored);
    } else {
        // Head first, then deletion: a crash in between leaves segments that
        // the head already marks delivered, which open() deletes.
        write_head(records_.front().segment, records_.front().offset);
        delete_segments_before(records_.front().segment);
    }
    update_gauge();
}

void DiskSpool::delete_segments_before(std::uint64_t number) {
    std::error_code ignored;
    while (!segments_.empty() && segments_.front().number < number) {
        std::filesystem::remove(segment_path(segments_.front().number), ignored);
        bytes_ -= segments_.front().bytes;
        segments_.pop_front();
    }
}

void DiskSpool::write_head(std::uint64_t segment, std::uint64_t offset) {
    // temp + rename: a reader (open() after a crash) sees the old or the new
    // head, never half of one.
    const auto temp = options_.dir / kHeadTempFile;
    const std::string text = std::to_string(segment) + " " + std::to_string(offset) + "\n";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const bool written = fd >= 0 && write_all(fd, text);
    if (fd >= 0) ::close(fd);
    if (!written || std::rename(temp.c_str(), (options_.dir / kHeadFile).c_str()) != 0) {
        // Not fatal: a stale head only makes the next start resend delivered batches.
        logger_.log(LogLevel::Warn, kLogSource,
                    "cannot update the spool head file in " + options_.dir.string() + ": " + errno_text());
    }
}

void DiskSpool::update_gauge() { metrics_.spool_bytes.store(bytes_, std::memory_order_relaxed); }

}  // namespace trellis::host::influx
