#pragma once
// The sender's disk spool: batches InfluxDB has not acknowledged yet, oldest
// first, surviving a crash or restart of trellis-influx.
//
// On disk, a directory of append-only segment files (00000001.spool, ...,
// rolled at segment_bytes) holding spool records (spool_record.hpp), plus a
// small "head" file, replaced atomically (temp + rename), that says where the
// oldest undelivered record starts ("<segment> <offset>"). Fully delivered
// segments are deleted. A "lock" file (flock) keeps a second process off the
// same directory.
//
// Records are appended with write(2) but not fsync'ed: they survive a crash
// of the process (the page cache belongs to the kernel), and a power loss
// can at worst tear the tail, which open() cuts off.
//
// Not thread-safe: the sender serialises access.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>

#include "influx/line_batch.hpp"
#include "influx/writer_metrics.hpp"
#include "util/error.hpp"

namespace trellis::host {
class Logger;
}

namespace trellis::host::influx {

struct DiskSpoolOptions {
    std::filesystem::path dir;                  // created if missing
    std::uint64_t max_bytes = 1ull << 30;       // bound on the segment files' total size
    std::uint64_t segment_bytes = 16ull << 20;  // a segment is rolled once it reaches this size
    int gzip_level = 1;                         // compression of the stored lines
};

class DiskSpool {
public:
    // Opens the directory and recovers it: drops segments the head file says
    // were delivered, and cuts a torn or corrupt record (and whatever follows
    // it in its segment), logging what was cut.
    static Result<std::unique_ptr<DiskSpool>> open(DiskSpoolOptions options, WriterMetrics& metrics, Logger& logger);
    ~DiskSpool();
    DiskSpool(const DiskSpool&) = delete;
    DiskSpool& operator=(const DiskSpool&) = delete;

    bool empty() const { return records_.empty(); }
    std::size_t records() const { return records_.size(); }
    std::uint64_t bytes() const { return bytes_; }  // the segment files' total size

    // Appends `batch` as the newest record and returns its id. To stay within
    // max_bytes it first drops the OLDEST segments (their points counted in
    // spool_dropped_points). If the batch cannot be stored (it alone exceeds
    // the bound, or the disk fails) it is counted as dropped, logged, and
    // nullopt returned.
    std::optional<std::uint64_t> append(const LineBatch& batch);

    struct Entry {
        std::uint64_t id = 0;
        LineBatch batch;
    };
    // Id of the oldest record, if any.
    std::optional<std::uint64_t> front_id() const;
    // The oldest record read back from disk. One that no longer reads back
    // (damaged on disk) is dropped, counted and logged, and the next tried.
    std::optional<Entry> read_front();
    // Marks the oldest record delivered — if it is still `id` (the bound may
    // have dropped it meanwhile, then nothing happens).
    void pop_front(std::uint64_t id);

private:
    struct RecordRef {
        std::uint64_t id;
        std::uint64_t segment;
        std::uint64_t offset;
        std::uint64_t bytes;  // header + payload
        std::uint64_t points;
    };
    struct Segment {
        std::uint64_t number;
        std::uint64_t bytes;
    };

    DiskSpool(DiskSpoolOptions options, WriterMetrics& metrics, Logger& logger, int lock_fd);
    Result<void> recover();
    Result<void> recover_segment(std::uint64_t number, std::uint64_t delivered_offset);
    std::filesystem::path segment_path(std::uint64_t number) const;
    void drop_oldest_segment(const char* why);
    void forget_front_record();
    void after_front_changed();
    void delete_segments_before(std::uint64_t number);
    void write_head(std::uint64_t segment, std::uint64_t offset);
    bool open_writable_segment(std::uint64_t record_bytes);
    void close_writable_segment();
    void update_gauge();

    DiskSpoolOptions options_;
    WriterMetrics& metrics_;
    Logger& logger_;
    int lock_fd_ = -1;
    int write_fd_ = -1;  // the newest segment, open for appending; -1 until the next append
    std::deque<Segment> segments_;
    std::deque<RecordRef> records_;  // undelivered, oldest first
    std::uint64_t bytes_ = 0;
    std::uint64_t next_id_ = 1;
    std::uint64_t next_segment_ = 1;
};

}  // namespace trellis::host::influx
