#pragma once
// What an answer to POST /write means for the batch that was sent.

#include <string>

#include "influx/http_client.hpp"

namespace trellis::host::influx {

enum class WriteVerdict {
    Delivered,  // 204 (and any other 2xx)
    Rejected,   // 400: some or all lines were refused for good; the rest were written
    TooLarge,   // 413: the body exceeds InfluxDB's [http] max-body-size; send smaller pieces
    Retryable,  // 5xx, timeouts, refused/reset connections, and 401/403/404 — an operator can fix
                // those (credentials, permissions, CREATE DATABASE), so nothing is dropped
};

WriteVerdict classify(const HttpResponse& response) noexcept;

// InfluxDB's error text: the "error" member of its JSON body when there is
// one, else the body itself (or curl's text for a transport error). One line.
std::string influx_error_text(const HttpResponse& response);

// "HTTP 503: <error>", "connection refused: <curl text>" — for the log.
std::string describe(const HttpResponse& response);

}  // namespace trellis::host::influx
