#include "influx_writer/create_database.hpp"

#include <curl/curl.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "influx/http_client.hpp"

namespace trellis::host::influx_writer {

namespace {

struct CurlFree {
    void operator()(char* p) const noexcept { curl_free(p); }
};

// An InfluxQL double-quoted identifier.
std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string query_url(const influx::SenderConfig& config) {
    const std::string statement = "CREATE DATABASE " + quote_identifier(config.database);
    std::unique_ptr<char, CurlFree> escaped(
        curl_easy_escape(nullptr, statement.data(), static_cast<int>(statement.size())));
    std::string base = config.url;
    while (base.ends_with('/')) base.pop_back();
    return base + "/query?q=" + (escaped ? escaped.get() : "");
}

// InfluxDB answers 200 even when a statement failed; the error is in the JSON.
std::string statement_error(const std::string& body) {
    const auto reply = nlohmann::json::parse(body, nullptr, false);
    if (reply.is_discarded()) return "";
    if (reply.contains("error")) return reply["error"].dump();
    if (reply.contains("results") && reply["results"].is_array())
        for (const auto& result : reply["results"])
            if (result.contains("error")) return result["error"].dump();
    return "";
}

}  // namespace

Result<void> create_database(const influx::SenderConfig& config) {
    influx::HttpClient client({config.timeout, config.username, config.password});
    const std::string url = query_url(config);
    const influx::HttpResponse response = client.post(url, "", false);
    const std::string what = "CREATE DATABASE " + quote_identifier(config.database) + " at " + config.url;
    if (response.transport != influx::TransportError::None)
        return fail(what + " failed: " + std::string(influx::describe(response.transport)) + " (" + response.body +
                    "); is InfluxDB running? writes will be retried and spooled until it is");
    if (response.status != 200)
        return fail(what + " failed: HTTP " + std::to_string(response.status) + ": " + response.body +
                    " (check [influx] username/password, or create the database by hand and set "
                    "create_database = false)");
    if (const std::string error = statement_error(response.body); !error.empty())
        return fail(what + " failed: " + error +
                    " (check the user's rights, or create the database by hand and set create_database = false)");
    return {};
}

}  // namespace trellis::host::influx_writer
