#pragma once
// Delivers sealed line-protocol batches to InfluxDB 1.x (POST /write through
// libcurl, gzip body) from its own thread, and never loses one:
//   204                      -> delivered
//   400 (partial write, type conflict, unparseable line)
//                            -> the rejected lines are appended to the
//                               dead-letter file with InfluxDB's error; no retry
//   413                      -> the batch is split in halves, each sent again
//   5xx, timeout, refused    -> the batch goes to the disk spool and is retried
//                               with exponential backoff and full jitter; while
//                               the spool is not empty every new batch is
//                               appended behind it, so delivery stays oldest first
// The spool is append-only segment files in a directory, bounded in bytes
// (when full the OLDEST segment is dropped and its points counted as lost),
// and survives a restart: open() recovers it (a torn last record is cut off)
// and the sender replays it before anything new.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "influx/line_batch.hpp"
#include "influx/writer_metrics.hpp"
#include "util/error.hpp"

namespace trellis::host {
class Logger;
}

namespace trellis::host::influx {

struct SenderConfig {
    std::string url = "http://127.0.0.1:8086";  // InfluxDB base URL
    std::string database = "trellis";
    std::string retention_policy;  // empty: the database's default
    std::string username;          // empty: no authentication
    std::string password;
    std::chrono::milliseconds timeout{10'000};  // per POST
    bool gzip = true;
    int gzip_level = 1;                               // 1 (fastest) .. 9
    std::chrono::milliseconds initial_backoff{200};   // first retry delay (before jitter)
    std::chrono::milliseconds max_backoff{30'000};    // cap of the exponential backoff
    std::filesystem::path spool_dir;                  // required
    std::uint64_t spool_max_bytes = 1ull << 30;       // bound of the spool on disk
    std::uint64_t spool_segment_bytes = 16ull << 20;  // spool segment files are rolled at this size
    std::filesystem::path dead_letter_path;           // required; appended to
    std::size_t memory_batches = 256;  // batches held in memory before overflowing to the spool: a burst of
                                       // 1.28 M points (~130 MB) stays off the disk
};

class InfluxSender {
public:
    // Opens (and recovers) the spool and the dead-letter file; does not start the thread.
    static Result<std::unique_ptr<InfluxSender>> open(const SenderConfig& config, WriterMetrics& metrics,
                                                      Logger& logger);
    virtual ~InfluxSender() = default;

    // Starts the sender thread (replays the spool first).
    virtual void start() = 0;
    // Hands over a batch (any thread; never waits for HTTP — a full memory queue overflows to the spool).
    virtual void submit(LineBatch batch) = 0;
    // Stops taking batches and tries to deliver everything held until `deadline`; whatever is not
    // delivered by then is in the spool. Joins the thread. Returns false if the spool is not empty.
    virtual bool shutdown(std::chrono::steady_clock::time_point deadline) = 0;
    // True when nothing is waiting: memory queue and spool empty, no POST in flight.
    virtual bool idle() const = 0;
};

}  // namespace trellis::host::influx
