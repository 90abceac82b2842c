#include "telemetry/xpub_socket.hpp"

#include <algorithm>
#include <chrono>

namespace trellis::host::telemetry {

Result<std::unique_ptr<XpubSocket>> XpubSocket::bind(const std::string& endpoint, int send_hwm, Duration linger) {
    std::unique_ptr<XpubSocket> s(new XpubSocket());
    try {
        s->socket_ = zmq::socket_t(s->context_, zmq::socket_type::xpub);
        s->socket_.set(zmq::sockopt::sndhwm, send_hwm);
        s->socket_.set(zmq::sockopt::linger, int(std::min<Duration>(linger / 1'000'000, 1 << 30)));
        // Pass every subscription up, not only the first for a topic: each
        // subscriber counts for wait_for_subscribers.
        s->socket_.set(zmq::sockopt::xpub_verbose, 1);
        s->socket_.bind(endpoint);
        s->endpoint_ = s->socket_.get(zmq::sockopt::last_endpoint);
    } catch (const zmq::error_t& e) {
        return fail("cannot bind the telemetry endpoint '" + endpoint + "': " + e.what() +
                    " (is another process using it? choose another port or stop that process)");
    }
    return s;
}

XpubSocket::~XpubSocket() { close(); }

std::uint32_t XpubSocket::wait_for_subscribers(std::uint32_t count, Duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::nanoseconds(timeout);
    while (subscriptions_ < count) {
        // Rounded up: a truncated wait would give up just short of the timeout.
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
        try {
            zmq::poll(&item, 1, std::min(left, std::chrono::milliseconds(100)));
        } catch (const zmq::error_t&) {
            break;
        }
        if (item.revents & ZMQ_POLLIN) poll_subscriptions();
    }
    return subscriptions_;
}

void XpubSocket::poll_subscriptions() {
    if (!socket_) return;
    zmq::message_t message;
    try {
        while (socket_.recv(message, zmq::recv_flags::dontwait)) on_subscription_message(message);
    } catch (const zmq::error_t&) {
    }
}

void XpubSocket::on_subscription_message(const zmq::message_t& message) noexcept {
    // XPUB delivers "\x01<topic>" for a subscribe and "\x00<topic>" for an unsubscribe.
    if (message.size() >= 1 && static_cast<const unsigned char*>(message.data())[0] == 1) ++subscriptions_;
}

bool XpubSocket::send(std::string_view message) noexcept {
    try {
        return socket_.send(zmq::const_buffer(message.data(), message.size()), zmq::send_flags::dontwait).has_value();
    } catch (const zmq::error_t&) {
        return false;
    }
}

void XpubSocket::close() noexcept {
    socket_.close();
    context_.close();  // blocks until queued messages are sent or the linger time is up
}

}  // namespace trellis::host::telemetry
