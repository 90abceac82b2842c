// The sender's state machine. FIFO order is [spool records] then [memory
// queue], and at most one of the two is non-empty at any time: while the
// spool holds anything every new batch is appended behind it, and a memory
// batch that fails (or a full memory queue) moves, together with everything
// queued behind it, into the spool in order.
//
// Delivery is at-least-once: a batch InfluxDB stored may be sent again (its
// 204 was lost, or the process died before the spool head moved). That is
// harmless only because InfluxDB overwrites a point with the same series and
// timestamp with identical values — a re-sent batch changes nothing.

#include "influx/influx_sender.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "influx/backoff.hpp"
#include "influx/batch_delivery.hpp"
#include "influx/dead_letter_file.hpp"
#include "influx/disk_spool.hpp"
#include "influx/gzip.hpp"
#include "influx/http_client.hpp"
#include "influx/write_url.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {

constexpr std::string_view kLogSource = "influx-sender";
using Clock = std::chrono::steady_clock;

Result<void> check(const SenderConfig& config) {
    if (config.spool_dir.empty()) return fail("spool_dir is not set; give the directory for undelivered batches");
    if (config.dead_letter_path.empty()) {
        return fail("dead_letter_path is not set; give the file where refused lines are kept");
    }
    if (config.gzip_level < 1 || config.gzip_level > 9) {
        return fail("gzip_level is " + std::to_string(config.gzip_level) + "; use 1 (fastest) .. 9 (smallest)");
    }
    if (config.timeout.count() <= 0) return fail("timeout must be positive, e.g. 10s");
    if (config.initial_backoff.count() <= 0) return fail("initial_backoff must be positive, e.g. 200ms");
    if (config.max_backoff < config.initial_backoff) return fail("max_backoff is smaller than initial_backoff");
    return {};
}

class SpoolingInfluxSender final : public InfluxSender {
public:
    SpoolingInfluxSender(const SenderConfig& config, std::string write_url, WriterMetrics& metrics, Logger& logger,
                         std::unique_ptr<DiskSpool> spool, DeadLetterFile dead_letters)
        : config_(config),
          metrics_(metrics),
          logger_(logger),
          spool_(std::move(spool)),
          dead_letters_(std::move(dead_letters)),
          http_({config.timeout, config.username, config.password}),
          delivery_(http_, {std::move(write_url), config.gzip, config.gzip_level}, dead_letters_, metrics, logger),
          rng_(std::random_device{}()) {}

    ~SpoolingInfluxSender() override {
        // Without shutdown() (an error path): stop at once, keep everything in the spool.
        if (thread_.joinable()) shutdown(Clock::now());
    }

    void start() override {
        std::lock_guard lock(mutex_);
        if (thread_.joinable() || stopping_) return;
        thread_ = std::thread([this] { run(); });
    }

    void submit(LineBatch batch) override {
        if (batch.lines.empty()) return;
        // Compressed here, on the submitting thread, so that the sender thread only POSTs: InfluxDB
        // ingests the previous batch while this one is being compressed.
        if (config_.gzip && batch.body.empty()) {
            if (auto compressed = gzip_compress(batch.lines, config_.gzip_level)) batch.body = std::move(*compressed);
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_ || !spool_->empty() || memory_.size() >= config_.memory_batches) {
                // Everything older goes first, so the spool stays in submit order
                // (a no-op when the spool is already the queue).
                spill_to_spool();
                spool_->append(batch);
            } else {
                memory_.push_back(std::move(batch));
            }
        }
        wake_.notify_one();
    }

    bool shutdown(Clock::time_point deadline) override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            deadline_ = deadline;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
        std::lock_guard lock(mutex_);
        spill_to_spool();  // undelivered memory batches survive in the spool
        if (!spool_->empty()) {
            logger_.log(LogLevel::Warn, kLogSource,
                        std::to_string(spool_->records()) +
                            " batches are still undelivered; they stay in the spool and are sent at the next start");
        }
        return spool_->empty();
    }

    bool idle() const override {
        std::lock_guard lock(mutex_);
        return memory_.empty() && spool_->empty() && !busy_;
    }

private:
    // Moves the memory batch in flight and the memory queue, in order, to the spool's end.
    void spill_to_spool() {
        if (in_flight_ && !in_flight_spilled_) {
            in_flight_spool_id_ = spool_->append(*in_flight_);
            in_flight_spilled_ = true;
        }
        for (const auto& batch : memory_) spool_->append(batch);
        memory_.clear();
    }

    void run() {
        unsigned failures = 0;
        std::size_t settled = 0;        // leading bytes of the head already settled (413 halves)
        std::uint64_t settled_for = 0;  // the spool record `settled` belongs to (ids start at 1)
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || !memory_.empty() || !spool_->empty(); });
            if (memory_.empty() && spool_->empty()) break;  // stopping, nothing left
            if (stopping_ && Clock::now() >= deadline_) break;

            std::optional<DiskSpool::Entry> spooled;
            if (!spool_->empty()) {
                spooled = spool_->read_front();
                if (!spooled) continue;  // unreadable records were dropped and logged
                if (settled_for != spooled->id) settled = 0;
            } else {
                in_flight_ = std::move(memory_.front());
                memory_.pop_front();
                in_flight_spilled_ = false;
                in_flight_spool_id_.reset();
                settled = 0;
            }
            busy_ = true;
            // While unlocked, submit() only ever reads *in_flight_ (to spill it).
            const LineBatch& batch = spooled ? spooled->batch : *in_flight_;
            const std::string_view lines = batch.lines;
            lock.unlock();
            // A body from the spool is gzip even when this run's config has gzip off: then send the lines.
            const std::string_view body = config_.gzip ? std::string_view(batch.body) : std::string_view{};
            const DeliveryOutcome outcome = settled == 0
                                                ? delivery_.deliver(lines, body, batch.points)
                                                : delivery_.deliver(lines.substr(std::min(settled, lines.size())));
            lock.lock();
            busy_ = false;

            if (outcome.delivered) {
                if (spooled) {
                    spool_->pop_front(spooled->id);
                    metrics_.replayed_batches.fetch_add(1, std::memory_order_relaxed);
                } else if (in_flight_spool_id_) {
                    spool_->pop_front(*in_flight_spool_id_);  // spilled while in flight, delivered after all
                }
                in_flight_.reset();
                if (failures > 0) {
                    logger_.log(LogLevel::Info, kLogSource,
                                "InfluxDB accepts writes again after " + std::to_string(failures) + " failed attempts");
                }
                failures = 0;
                settled = 0;
                settled_for = 0;
                continue;  // next batch at once
            }

            const std::uint64_t points = spooled ? spooled->batch.points : in_flight_->points;
            if (!spooled) spill_to_spool();  // the failed batch and everything behind it wait in the spool
            settled += outcome.settled_bytes;
            settled_for = spooled ? spooled->id : in_flight_spool_id_.value_or(0);
            in_flight_.reset();
            metrics_.retries.fetch_add(1, std::memory_order_relaxed);
            const auto delay = full_jitter_backoff(failures, config_.initial_backoff, config_.max_backoff, rng_);
            ++failures;
            // Warn at the 1st, 2nd, 4th, 8th... failure: an outage (or a missing database, 404) stays
            // visible without a line per retry.
            const bool remind = (failures & (failures - 1)) == 0;
            logger_.log(remind ? LogLevel::Warn : LogLevel::Debug, kLogSource,
                        "writing a batch of " + std::to_string(points) + " points to InfluxDB failed (" +
                            outcome.failure + "); it waits in the spool, attempt " + std::to_string(failures + 1) +
                            " in " + std::to_string(delay.count()) + " ms");
            wait_backoff(lock, Clock::now() + delay);
        }
    }

    // Sleeps until `until`, or the shutdown deadline if that comes first.
    void wait_backoff(std::unique_lock<std::mutex>& lock, Clock::time_point until) {
        while (Clock::now() < until) {
            if (stopping_ && deadline_ < until) until = deadline_;
            wake_.wait_until(lock, until);
        }
    }

    const SenderConfig config_;
    WriterMetrics& metrics_;
    Logger& logger_;
    std::unique_ptr<DiskSpool> spool_;
    DeadLetterFile dead_letters_;
    HttpClient http_;  // used by the sender thread only
    BatchDelivery delivery_;
    std::mt19937_64 rng_;  // backoff jitter; sender thread only

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<LineBatch> memory_;
    std::optional<LineBatch> in_flight_;  // a memory batch being sent
    bool in_flight_spilled_ = false;      // it was copied to the spool meanwhile (memory overflow)
    std::optional<std::uint64_t> in_flight_spool_id_;
    bool busy_ = false;
    bool stopping_ = false;
    Clock::time_point deadline_{};
    std::thread thread_;
};

}  // namespace

Result<std::unique_ptr<InfluxSender>> InfluxSender::open(const SenderConfig& config, WriterMetrics& metrics,
                                                         Logger& logger) {
    if (auto valid = check(config); !valid) return fail("influx sender: " + valid.error().message);
    auto url = make_write_url(config.url, config.database, config.retention_policy);
    if (!url) return std::unexpected(url.error());
    auto spool = DiskSpool::open(
        {config.spool_dir, config.spool_max_bytes, config.spool_segment_bytes, config.gzip_level}, metrics, logger);
    if (!spool) return std::unexpected(spool.error());
    auto dead_letters = DeadLetterFile::open(config.dead_letter_path);
    if (!dead_letters) return std::unexpected(dead_letters.error());
    return std::make_unique<SpoolingInfluxSender>(config, std::move(*url), metrics, logger, std::move(*spool),
                                                  std::move(*dead_letters));
}

}  // namespace trellis::host::influx
