#pragma once
// A tiny HTTP/1.1 server on loopback for the answers InfluxDB cannot be made
// to give (500, 503, 401, a hang until the client times out). It answers
// requests in order from a script, then 204 forever, one request per
// connection, and records every request it read.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace trellis::test {

class ScriptedHttpServer {
public:
    struct Reply {
        int status = 204;
        std::string body;
        bool hang = false;  // read the request, never answer (the client times out)
    };
    struct Request {
        std::string head;  // request line and headers
        std::string body;
        int answered = 0;  // status sent back, 0 when hung
    };

    explicit ScriptedHttpServer(std::vector<Reply> script);
    ~ScriptedHttpServer();
    ScriptedHttpServer(const ScriptedHttpServer&) = delete;
    ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

    std::string url() const;  // http://127.0.0.1:<port>
    std::vector<Request> requests() const;

private:
    void serve();
    void handle(int connection);

    int listen_fd_ = -1;
    unsigned short port_ = 0;
    std::vector<Reply> script_;
    std::size_t next_reply_ = 0;
    mutable std::mutex mutex_;
    std::vector<Request> requests_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace trellis::test
