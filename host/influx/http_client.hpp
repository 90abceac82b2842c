#pragma once
// One HTTP POST through libcurl. The easy handle is kept and reused, so the
// connection to InfluxDB stays open between writes; a client therefore
// belongs to one thread (the sender's).

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace trellis::host::influx {

// Why no HTTP status came back.
enum class TransportError {
    None,     // an HTTP answer arrived; see HttpResponse::status
    Refused,  // nobody listens (connection refused / host unreachable)
    Timeout,  // no complete answer within the timeout
    Reset,    // the connection broke mid-exchange (reset, empty reply, send/receive error)
    Other,    // anything else curl reports (DNS, bad URL, out of memory, ...)
};

struct HttpResponse {
    long status = 0;  // HTTP status; 0 when transport != None
    TransportError transport = TransportError::None;
    std::string body;  // the response body, or curl's error text on a transport error
};

struct HttpClientOptions {
    std::chrono::milliseconds timeout{10'000};  // whole exchange
    std::string username;                       // empty: no basic auth
    std::string password;
};

class HttpClient {
public:
    explicit HttpClient(HttpClientOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // POSTs `body` to `url`; `gzip_encoded` adds Content-Encoding: gzip (the
    // body must already be compressed).
    HttpResponse post(const std::string& url, std::string_view body, bool gzip_encoded);

private:
    struct Handle;
    HttpClientOptions options_;
    std::unique_ptr<Handle> handle_;
};

// "connection refused", "timeout", ... for log messages.
std::string_view describe(TransportError error) noexcept;

}  // namespace trellis::host::influx
