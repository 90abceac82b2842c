#pragma once
// The publisher's ZeroMQ XPUB socket and its context. XPUB rather than PUB so
// the host can see subscriptions arrive and wait for them before a run
// (ZeroMQ's "slow joiner": a PUB drops what it sends before a subscriber's
// subscription has reached it). Used by one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <zmq.hpp>

#include "trellis/types.hpp"
#include "util/error.hpp"

namespace trellis::host::telemetry {

class XpubSocket {
public:
    // Binds `endpoint`. send_hwm: messages queued per subscriber before ZeroMQ
    // drops; linger: how long close() waits for queued messages to leave.
    static Result<std::unique_ptr<XpubSocket>> bind(const std::string& endpoint, int send_hwm, Duration linger);
    ~XpubSocket();
    XpubSocket(const XpubSocket&) = delete;
    XpubSocket& operator=(const XpubSocket&) = delete;

    // The endpoint actually bound (a "*" port resolved), e.g. "tcp://127.0.0.1:40123".
    const std::string& endpoint() const noexcept { return endpoint_; }

    // Waits until `count` subscriptions have arrived in total, or `timeout`.
    // Returns the subscriptions seen so far.
    std::uint32_t wait_for_subscribers(std::uint32_t count, Duration timeout);
    // Reads subscription messages that arrived meanwhile, without waiting.
    void poll_subscriptions();
    std::uint32_t subscriptions() const noexcept { return subscriptions_; }

    // Queues one single-frame message (never blocks). False if ZeroMQ refused it.
    bool send(std::string_view message) noexcept;

    // Closes the socket and waits up to the linger time for queued messages to leave.
    void close() noexcept;

private:
    XpubSocket() = default;
    // Handles one message read from the socket (a subscribe or unsubscribe).
    void on_subscription_message(const zmq::message_t& message) noexcept;

    zmq::context_t context_;
    zmq::socket_t socket_;
    std::string endpoint_;
    std::uint32_t subscriptions_ = 0;
};

}  // namespace trellis::host::telemetry
