#include "influx_writer/message_handler.hpp"

#include <string>

#include "telemetry/wire_format.hpp"
#include "util/logger.hpp"
#include "util/text.hpp"

namespace trellis::host::influx_writer {

namespace {

constexpr std::string_view kLogSource = "receiver";

// 1, 10, 100, ...: a repeating problem stays visible without one line per point.
bool is_power_of_ten(std::uint64_t n) {
    while (n >= 10 && n % 10 == 0) n /= 10;
    return n == 1;
}

std::string host_label(std::string_view host) {
    return host.empty() ? "an unknown host" : "host " + host::quoted(host);
}

}  // namespace

MessageHandler::MessageHandler(LineBatcher& batcher, influx::WriterMetrics& metrics, Logger& logger)
    : batcher_(&batcher), metrics_(&metrics), logger_(&logger) {
    tags_.reserve(telemetry::kWireMaxTags + 1);
}

Result<std::uint32_t> MessageHandler::validate(telemetry::WireMessageReader reader) {
    telemetry::Point point;
    std::uint32_t points = 0;
    while (true) {
        auto more = reader.next(point);
        if (!more) return std::unexpected(more.error());
        if (!*more) return points;
        ++points;
    }
}

void MessageHandler::handle(std::string_view message, LineBatcher::TimePoint now) {
    metrics_->messages_in.fetch_add(1, std::memory_order_relaxed);
    auto reader = telemetry::WireMessageReader::open(message);
    if (!reader) {
        report_bad_message("", reader.error());
        return;
    }
    const telemetry::WireHeader header = reader->header();
    if (auto points = validate(std::move(*reader)); !points) {
        report_bad_message(header.host, points.error());
        return;
    }
    metrics_->points_in.fetch_add(header.count, std::memory_order_relaxed);
    const SequenceCheck check = gaps_.observe(header.host, header.session, header.seq, header.count);
    report_sequence(header.host, header.session, check);
    forward(message, check.skip_points, now);
}

void MessageHandler::report_bad_message(std::string_view host, const Error& error) {
    metrics_->bad_messages.fetch_add(1, std::memory_order_relaxed);
    if (hosts_with_bad_messages_.contains(host)) return;
    hosts_with_bad_messages_.emplace(host);
    logger_->log(LogLevel::Warn, kLogSource,
                 "discarded a malformed telemetry message from " + host_label(host) + ": " + error.message +
                     " (is the host built with the same wire format version? further bad messages from it are only "
                     "counted in bad_messages)");
}

void MessageHandler::report_sequence(std::string_view host, std::uint64_t session, const SequenceCheck& check) {
    using Kind = SequenceCheck::Kind;
    if (check.kind == Kind::Restart) {
        metrics_->host_restarts.fetch_add(1, std::memory_order_relaxed);
        logger_->log(LogLevel::Info, kLogSource,
                     host_label(host) + " restarted (new session " + std::to_string(session) + ")");
    }
    if (check.kind == Kind::Duplicate) duplicate_points_ += check.skip_points;
    if (check.lost_points == 0) return;
    metrics_->gaps.fetch_add(1, std::memory_order_relaxed);
    metrics_->lost_points.fetch_add(check.lost_points, std::memory_order_relaxed);
    logger_->log(LogLevel::Warn, kLogSource,
                 host_label(host) + " session " + std::to_string(session) + ": lost " +
                     std::to_string(check.lost_points) + " point(s), seq " + std::to_string(check.lost_from) + ".." +
                     std::to_string(check.lost_from + check.lost_points - 1) +
                     " (the host's publisher dropped them or the network did; see its telemetry drop counter)");
}

void MessageHandler::forward(std::string_view message, std::uint64_t skip_points, LineBatcher::TimePoint now) {
    auto reader = telemetry::WireMessageReader::open(message);
    if (!reader) return;  // validated above; cannot happen
    const std::string_view host = reader->header().host;
    telemetry::Point point;
    for (std::uint64_t index = 0;; ++index) {
        auto more = reader->next(point);
        if (!more || !*more) return;
        if (index < skip_points) continue;
        auto added = batcher_->add(with_host_tag(point, host), now);
        if (added) continue;
        const std::uint64_t rejected = metrics_->points_rejected.fetch_add(1, std::memory_order_relaxed) + 1;
        if (is_power_of_ten(rejected))
            logger_->log(LogLevel::Warn, kLogSource,
                         "InfluxDB cannot store a point of measurement " + host::quoted(point.measurement) + " from " +
                             host_label(host) + ": " + added.error().message + " (dropped; " +
                             std::to_string(rejected) + " rejected so far, see points_rejected)");
    }
}

telemetry::Point MessageHandler::with_host_tag(const telemetry::Point& point, std::string_view host) {
    tags_.clear();
    for (const telemetry::Tag& tag : point.tags)
        if (tag.key != kHostTag) tags_.push_back(tag);
    tags_.push_back({kHostTag, host});
    telemetry::Point tagged = point;
    tagged.tags = tags_;
    return tagged;
}

}  // namespace trellis::host::influx_writer
