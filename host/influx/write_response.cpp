#include "influx/write_response.hpp"

#include <nlohmann/json.hpp>

namespace trellis::host::influx {

WriteVerdict classify(const HttpResponse& response) noexcept {
    if (response.transport != TransportError::None) return WriteVerdict::Retryable;
    if (response.status >= 200 && response.status < 300) return WriteVerdict::Delivered;
    if (response.status == 400) return WriteVerdict::Rejected;
    if (response.status == 413) return WriteVerdict::TooLarge;
    // 401/403/404, 5xx, and anything unexpected (a proxy's 502, a 429): keep
    // the batch and try again later rather than lose it.
    return WriteVerdict::Retryable;
}

std::string influx_error_text(const HttpResponse& response) {
    std::string text = response.body;
    const auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (json.is_object() && json.contains("error") && json["error"].is_string()) {
        text = json["error"].get<std::string>();
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

std::string describe(const HttpResponse& response) {
    std::string text = influx_error_text(response);
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    if (response.transport != TransportError::None) return std::string(describe(response.transport)) + ": " + text;
    std::string result = "HTTP " + std::to_string(response.status);
    if (response.status == 401 || response.status == 403) result += " (check the InfluxDB username and password)";
    if (response.status == 404) result += " (does the database exist? CREATE DATABASE it)";
    if (!text.empty()) result += ": " + text;
    return result;
}

}  // namespace trellis::host::influx
