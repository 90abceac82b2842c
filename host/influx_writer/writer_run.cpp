#include "influx_writer/writer_run.hpp"

#include <chrono>
#include <zmq.hpp>

#include "influx/influx_sender.hpp"
#include "influx_writer/create_database.hpp"
#include "influx_writer/line_batcher.hpp"
#include "influx_writer/message_handler.hpp"
#include "influx_writer/receive_loop.hpp"
#include "influx_writer/self_metrics.hpp"
#include "influx_writer/shutdown_summary.hpp"
#include "util/logger.hpp"

namespace trellis::host::influx_writer {

namespace {

constexpr std::string_view kLogSource = "trellis-influx";
// Messages the SUB socket queues before ZeroMQ drops: generous, because a
// dropped message is a gap the hosts cannot resend.
constexpr int kReceiveHighWaterMark = 100'000;

Result<void> subscribe(zmq::socket_t& socket, const WriterConfig& config) {
    try {
        socket.set(zmq::sockopt::rcvhwm, kReceiveHighWaterMark);
        socket.set(zmq::sockopt::linger, 0);
        for (const std::string& endpoint : config.host_endpoints) socket.connect(endpoint);
        socket.set(zmq::sockopt::subscribe, "");
    } catch (const zmq::error_t& e) {
        return fail(config.file + ": cannot connect to the [[hosts]] endpoints: " + e.what() +
                    " (check each endpoint's address)");
    }
    return {};
}

}  // namespace

int run_writer(const WriterConfig& config, Logger& logger, int stop_fd, std::ostream& summary_out) {
    influx::WriterMetrics metrics;
    if (config.create_database) {
        if (auto created = create_database(config.sender); !created)
            logger.log(LogLevel::Warn, kLogSource, created.error().message);
    }
    auto sender = influx::InfluxSender::open(config.sender, metrics, logger);
    if (!sender) {
        logger.log(LogLevel::Error, kLogSource, sender.error().message);
        return kExitStartFailed;
    }
    zmq::context_t context(1);
    zmq::socket_t socket(context, zmq::socket_type::sub);
    if (auto subscribed = subscribe(socket, config); !subscribed) {
        logger.log(LogLevel::Error, kLogSource, subscribed.error().message);
        return kExitStartFailed;
    }
    (*sender)->start();
    logger.log(LogLevel::Info, kLogSource,
               "writing telemetry of " + std::to_string(config.host_endpoints.size()) + " host endpoint(s) to " +
                   config.sender.url + " database " + config.sender.database);

    LineBatcher batcher(config.batch, **sender);
    MessageHandler handler(batcher, metrics, logger);
    SelfMetrics self_metrics(config.writer_id, config.self_metrics_interval, std::chrono::system_clock::now());
    run_receive_loop({socket, handler, batcher, self_metrics, metrics}, stop_fd);
    socket.close();

    logger.log(LogLevel::Info, kLogSource, "stopping: delivering what is held (up to shutdown.timeout)");
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(config.shutdown_timeout);
    const bool spool_empty = (*sender)->shutdown(deadline);
    print_shutdown_summary(summary_out, metrics, handler.duplicate_points(), spool_empty, config.sender.spool_dir);
    return kExitOk;
}

}  // namespace trellis::host::influx_writer
