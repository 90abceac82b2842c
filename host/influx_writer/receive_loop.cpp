#include "influx_writer/receive_loop.hpp"

#include <algorithm>
#include <chrono>

namespace trellis::host::influx_writer {

namespace {

using namespace std::chrono;

// Upper bound of one wait, so a clock jump cannot park the loop for long.
constexpr milliseconds kMaxWait{250};
// Messages taken per round before timers are looked at again: a flood must
// not keep a due batch or self-metrics point waiting.
constexpr int kMaxMessagesPerRound = 1024;
constexpr int kMaxMessagesAtStop = 64 * kMaxMessagesPerRound;

// Drains up to `limit` messages without waiting; returns how many were handled.
int take_messages(const ReceiveParts& parts, int limit) {
    zmq::message_t message;
    int taken = 0;
    while (taken < limit) {
        if (!parts.socket.recv(message, zmq::recv_flags::dontwait)) break;
        parts.handler.handle({static_cast<const char*>(message.data()), message.size()}, steady_clock::now());
        ++taken;
    }
    return taken;
}

void emit_self_metrics(const ReceiveParts& parts, system_clock::time_point now) {
    // Our own point always encodes (writer_id was checked with the encoder at config time).
    (void)parts.batcher.add(parts.self_metrics.point(parts.metrics, parts.handler.duplicate_points(), now),
                            steady_clock::now());
}

long wait_millis(const ReceiveParts& parts) {
    auto wait = duration_cast<milliseconds>(parts.self_metrics.next_at() - system_clock::now()) + milliseconds(1);
    if (auto due = parts.batcher.due_at())
        wait = std::min(wait, duration_cast<milliseconds>(*due - steady_clock::now()) + milliseconds(1));
    return std::clamp(wait, milliseconds(0), kMaxWait).count();
}

}  // namespace

void run_receive_loop(const ReceiveParts& parts, int stop_fd) {
    while (true) {
        zmq::pollitem_t items[] = {{parts.socket.handle(), 0, ZMQ_POLLIN, 0}, {nullptr, stop_fd, ZMQ_POLLIN, 0}};
        // An interrupted wait simply goes round again; the stop descriptor says when to leave.
        if (::zmq_poll(items, 2, wait_millis(parts)) < 0) continue;
        if (items[1].revents & ZMQ_POLLIN) break;
        if (items[0].revents & ZMQ_POLLIN) take_messages(parts, kMaxMessagesPerRound);
        parts.batcher.seal_if_due(steady_clock::now());
        if (const auto now = system_clock::now(); parts.self_metrics.due(now)) emit_self_metrics(parts, now);
    }
    // What already arrived is taken, but bounded: a host flooding us must not hold up the stop.
    take_messages(parts, kMaxMessagesAtStop);
    emit_self_metrics(parts, system_clock::now());
    parts.batcher.seal();
}

}  // namespace trellis::host::influx_writer
