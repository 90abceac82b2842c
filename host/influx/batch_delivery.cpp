#include "influx/batch_delivery.hpp"

#include <chrono>

#include "influx/batch_lines.hpp"
#include "influx/dead_letter_file.hpp"
#include "influx/gzip.hpp"
#include "influx/rejected_lines.hpp"
#include "influx/write_response.hpp"
#include "influx/writer_metrics.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx {
namespace {
constexpr std::string_view kLogSource = "influx-sender";
}

BatchDelivery::BatchDelivery(HttpClient& http, DeliveryTarget target, DeadLetterFile& dead_letters,
                             WriterMetrics& metrics, Logger& logger)
    : http_(http), target_(std::move(target)), dead_letters_(dead_letters), metrics_(metrics), logger_(logger) {}

DeliveryOutcome BatchDelivery::deliver(std::string_view lines, std::string_view gzip_body, std::uint64_t points) {
    HttpResponse response = gzip_body.empty() ? post(lines) : http_.post(target_.write_url, gzip_body, true);
    return settle(lines, std::move(response), points);
}

DeliveryOutcome BatchDelivery::deliver_piece(std::string_view lines) { return settle(lines, post(lines), 0); }

DeliveryOutcome BatchDelivery::settle(std::string_view lines, HttpResponse response, std::uint64_t points) {
    switch (classify(response)) {
        case WriteVerdict::Delivered:
            count_written(lines, points);
            return {.delivered = true};
        case WriteVerdict::Rejected:
            return settle_rejection(lines, std::move(response));
        case WriteVerdict::TooLarge: {
            const std::size_t cut = middle_line_boundary(lines);
            if (cut == 0 || cut == lines.size()) {
                dead_letter(response.status,
                            "a single line larger than InfluxDB's [http] max-body-size: " + describe(response), lines);
                return {.delivered = true};
            }
            metrics_.splits.fetch_add(1, std::memory_order_relaxed);
            const DeliveryOutcome first = deliver_piece(lines.substr(0, cut));
            if (!first.delivered) return first;
            DeliveryOutcome second = deliver_piece(lines.substr(cut));
            if (!second.delivered) second.settled_bytes += cut;
            return second;
        }
        case WriteVerdict::Retryable:
            break;
    }
    return {.delivered = false, .settled_bytes = 0, .failure = describe(response)};
}

DeliveryOutcome BatchDelivery::settle_rejection(std::string_view lines, HttpResponse response) {
    std::string remaining;
    for (;;) {
        const std::string error = influx_error_text(response);
        auto split = split_rejected_lines(lines, error);
        if (!split) {
            // An error naming no line (e.g. "points beyond retention policy"):
            // keep the whole batch for the operator; its valid points were
            // written anyway, and replaying them later overwrites identically.
            dead_letter(response.status, error, lines);
            return {.delivered = true};
        }
        dead_letter(response.status, error, split->rejected);
        if (split->rest_points == 0) return {.delivered = true};
        // InfluxDB wrote the other lines, but it names only the FIRST type
        // conflict, and a type conflict hides unparseable lines: so the rest
        // is sent again until it answers 204. Re-writing points it already
        // stored is harmless — identical points (same series, same
        // timestamp) overwrite each other.
        remaining = std::move(split->rest);
        lines = remaining;
        response = post(lines);
        switch (classify(response)) {
            case WriteVerdict::Delivered:
                count_written(lines, 0);
                return {.delivered = true};
            case WriteVerdict::Rejected:
                continue;
            case WriteVerdict::TooLarge: {
                // Cannot happen with fewer bytes than before, unless the server's limit changed meanwhile.
                // The settled prefix of `remaining` is not a prefix of the batch, so report none.
                DeliveryOutcome outcome = deliver_piece(lines);
                outcome.settled_bytes = 0;
                return outcome;
            }
            case WriteVerdict::Retryable:
                // The whole batch is retried; its rejected lines will be dead-lettered again (rare double fault).
                return {.delivered = false, .settled_bytes = 0, .failure = describe(response)};
        }
    }
}

HttpResponse BatchDelivery::post(std::string_view lines) {
    if (target_.gzip) {
        auto compressed = gzip_compress(lines, target_.gzip_level);
        if (compressed) return http_.post(target_.write_url, *compressed, true);
        logger_.log(LogLevel::Warn, kLogSource, "sending uncompressed: " + compressed.error().message);
    }
    return http_.post(target_.write_url, lines, false);
}

void BatchDelivery::count_written(std::string_view lines, std::uint64_t points) {
    metrics_.points_out.fetch_add(points != 0 ? points : count_lines(lines), std::memory_order_relaxed);
    metrics_.batches_out.fetch_add(1, std::memory_order_relaxed);
}

void BatchDelivery::dead_letter(long status, std::string_view error, std::string_view lines) {
    const std::uint64_t points = count_lines(lines);
    metrics_.dead_letter_points.fetch_add(points, std::memory_order_relaxed);
    logger_.log(LogLevel::Error, kLogSource,
                "InfluxDB refused " + std::to_string(points) + " lines (HTTP " + std::to_string(status) +
                    "); they are in the dead-letter file " + dead_letters_.path().string() + ": " +
                    std::string(error.substr(0, 500)));
    if (auto written = dead_letters_.append(status, error, lines, std::chrono::system_clock::now()); !written) {
        logger_.log(LogLevel::Error, kLogSource, written.error().message + "; the refused lines are lost");
    }
}

}  // namespace trellis::host::influx
