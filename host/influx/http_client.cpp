#include "influx/http_client.hpp"

#include <curl/curl.h>

namespace trellis::host::influx {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

TransportError classify(CURLcode code) noexcept {
    switch (code) {
        case CURLE_OK:
            return TransportError::None;
        case CURLE_COULDNT_CONNECT:
            return TransportError::Refused;
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError::Timeout;
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_PARTIAL_FILE:
            return TransportError::Reset;
        default:
            return TransportError::Other;
    }
}

struct SlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace

struct HttpClient::Handle {
    CURL* curl = curl_easy_init();
    ~Handle() { curl_easy_cleanup(curl); }
};

HttpClient::HttpClient(HttpClientOptions options) : options_(std::move(options)), handle_(std::make_unique<Handle>()) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::post(const std::string& url, std::string_view body, bool gzip_encoded) {
    HttpResponse response;
    CURL* curl = handle_->curl;
    if (curl == nullptr) return {0, TransportError::Other, "curl_easy_init failed"};
    // Options are set again on every call (cheap) so nothing from a previous
    // exchange leaks into this one; the connection cache survives reset.
    curl_easy_reset(curl);
    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are one thread of many
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    if (!options_.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    }
    Slist headers;
    // curl would otherwise send "Expect: 100-continue" for bodies over 1 MiB
    // and wait for InfluxDB's interim answer: one round trip for nothing.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));
    headers.reset(curl_slist_append(headers.release(), "Content-Type: text/plain; charset=utf-8"));
    if (gzip_encoded) headers.reset(curl_slist_append(headers.release(), "Content-Encoding: gzip"));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    const CURLcode code = curl_easy_perform(curl);
    response.transport = classify(code);
    if (response.transport != TransportError::None) {
        response.body = error_text[0] != '\0' ? std::string(error_text) : std::string(curl_easy_strerror(code));
        return response;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

std::string_view describe(TransportError error) noexcept {
    switch (error) {
        case TransportError::None:
            return "no transport error";
        case TransportError::Refused:
            return "connection refused";
        case TransportError::Timeout:
            return "timeout";
        case TransportError::Reset:
            return "connection reset";
        case TransportError::Other:
            return "transport error";
    }
    return "transport error";
}

}  // namespace trellis::host::influx
