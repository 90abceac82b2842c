#pragma once
// The receiver/batcher thread's loop: waits on the SUB socket and a stop
// descriptor at once (so a signal needs no work in its handler and no polling
// flag), hands every message to the MessageHandler, seals batches on time and
// emits the writer's own metrics on their wall-clock schedule.

#include <zmq.hpp>

#include "influx/writer_metrics.hpp"
#include "influx_writer/line_batcher.hpp"
#include "influx_writer/message_handler.hpp"
#include "influx_writer/self_metrics.hpp"

namespace trellis::host::influx_writer {

struct ReceiveParts {
    zmq::socket_t& socket;  // connected and subscribed
    MessageHandler& handler;
    LineBatcher& batcher;
    SelfMetrics& self_metrics;
    const influx::WriterMetrics& metrics;
};

// Runs until `stop_fd` becomes readable. Then takes what already arrived on the
// socket, adds a last self-metrics point and seals the open batch.
void run_receive_loop(const ReceiveParts& parts, int stop_fd);

}  // namespace trellis::host::influx_writer
