#include "scripted_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace trellis::test {
namespace {

constexpr int kPollMs = 20;

// Reads until `done(buffer)` or the peer closes or the server stops.
template <class Done>
bool read_until(int fd, std::string& buffer, const std::atomic<bool>& stop, Done done) {
    char chunk[4096];
    while (!done(buffer)) {
        pollfd waiting{fd, POLLIN, 0};
        if (stop) return false;
        if (::poll(&waiting, 1, kPollMs) <= 0) continue;
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(got));
    }
    return true;
}

std::size_t content_length(const std::string& head) {
    for (const char* name : {"Content-Length:", "content-length:"}) {
        if (const auto at = head.find(name); at != std::string::npos) {
            return std::stoul(head.substr(at + std::strlen(name)));
        }
    }
    return 0;
}

}  // namespace

ScriptedHttpServer::ScriptedHttpServer(std::vector<Reply> script) : script_(std::move(script)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listen_fd_, 16) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error(std::string("scripted HTTP server: ") + std::strerror(errno));
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
}

std::string ScriptedHttpServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<ScriptedHttpServer::Request> ScriptedHttpServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void ScriptedHttpServer::serve() {
    while (!stop_) {
        pollfd waiting{listen_fd_, POLLIN, 0};
        if (::poll(&waiting, 1, kPollMs) <= 0) continue;
        const int connection = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) continue;
        handle(connection);
        ::close(connection);
    }
}

void ScriptedHttpServer::handle(int connection) {
    std::string buffer;
    if (!read_until(connection, buffer, stop_,
                    [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; })) {
        return;
    }
    const std::size_t head_end = buffer.find("\r\n\r\n") + 4;
    Request request;
    request.head = buffer.substr(0, head_end);
    const std::size_t body_bytes = content_length(request.head);
    if (!read_until(connection, buffer, stop_,
                    [&](const std::string& b) { return b.size() >= head_end + body_bytes; })) {
        return;
    }
    request.body = buffer.substr(head_end, body_bytes);
    Reply reply;
    {
        std::lock_guard lock(mutex_);
        if (next_reply_ < script_.size()) reply = script_[next_reply_++];
        request.answered = reply.hang ? 0 : reply.status;
        requests_.push_back(request);
    }
    if (reply.hang) {
        // Hold the connection until the client gives up and closes it.
        std::string ignored;
        read_until(connection, ignored, stop_, [](const std::string&) { return false; });
        return;
    }
    const std::string response = "HTTP/1.1 " + std::to_string(reply.status) +
                                 " Scripted\r\nContent-Length: " + std::to_string(reply.body.size()) +
                                 "\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + reply.body;
    (void)::write(connection, response.data(), response.size());
}

}  // namespace trellis::test
