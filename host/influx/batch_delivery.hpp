#pragma once
// Delivers one batch of lines to InfluxDB: one POST, then whatever the answer
// asks for — 413: split in halves by lines and deliver each (recursively; a
// single line still too large is dead-lettered); 400: dead-letter the lines
// InfluxDB names and send the rest again until it answers 204. Stops at the
// first retryable failure and says how much of the batch is already settled.
// Runs on the sender thread only.

#include <cstddef>
#include <string>
#include <string_view>

#include "influx/http_client.hpp"

namespace trellis::host {
class Logger;
}

namespace trellis::host::influx {

class DeadLetterFile;
struct WriterMetrics;

struct DeliveryOutcome {
    bool delivered = false;  // every line is settled: written (204) or dead-lettered
    // When not delivered: the leading bytes of the lines that are settled
    // (the halves of a 413 split already delivered). Retrying only the rest
    // keeps their dead letters from being written twice.
    std::size_t settled_bytes = 0;
    std::string failure;  // when not delivered: why, for the log
};

struct DeliveryTarget {
    std::string write_url;  // make_write_url(...)
    bool gzip = true;
    int gzip_level = 1;
};

class BatchDelivery {
public:
    BatchDelivery(HttpClient& http, DeliveryTarget target, DeadLetterFile& dead_letters, WriterMetrics& metrics,
                  Logger& logger);

    // `gzip_body`, when not empty, is the gzip of `lines` prepared ahead (sent as is); `points`, when
    // not 0, is the number of lines (saves counting them again).
    DeliveryOutcome deliver(std::string_view lines, std::string_view gzip_body = {}, std::uint64_t points = 0);

private:
    DeliveryOutcome deliver_piece(std::string_view lines);
    DeliveryOutcome settle(std::string_view lines, HttpResponse response, std::uint64_t points);
    DeliveryOutcome settle_rejection(std::string_view lines, HttpResponse response);
    HttpResponse post(std::string_view lines);
    void count_written(std::string_view lines, std::uint64_t points);
    void dead_letter(long status, std::string_view error, std::string_view lines);

    HttpClient& http_;
    DeliveryTarget target_;
    DeadLetterFile& dead_letters_;
    WriterMetrics& metrics_;
    Logger& logger_;
};

}  // namespace trellis::host::influx
