#include "influx/write_url.hpp"

#include <curl/curl.h>

#include <memory>

namespace trellis::host::influx {
namespace {

struct CurlFree {
    void operator()(char* text) const noexcept { curl_free(text); }
};

Result<std::string> escape(std::string_view text) {
    // curl_easy_escape ignores its handle since curl 7.82 (Debian 12 has 7.88).
    std::unique_ptr<char, CurlFree> escaped(curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())));
    if (!escaped) return fail("URL-escaping '" + std::string(text) + "' failed (out of memory?)");
    return std::string(escaped.get());
}

}  // namespace

Result<std::string> make_write_url(std::string_view base_url, std::string_view database,
                                   std::string_view retention_policy) {
    if (base_url.empty()) return fail("the InfluxDB url is empty; set it like \"http://127.0.0.1:8086\"");
    if (database.empty()) return fail("the InfluxDB database name is empty; set the database to write to");
    while (base_url.ends_with('/')) base_url.remove_suffix(1);  // "http://h:8086/" is written often
    auto db = escape(database);
    if (!db) return std::unexpected(db.error());
    std::string url = std::string(base_url) + "/write?db=" + *db + "&precision=ns";
    if (!retention_policy.empty()) {
        auto rp = escape(retention_policy);
        if (!rp) return std::unexpected(rp.error());
        url += "&rp=" + *rp;
    }
    return url;
}

}  // namespace trellis::host::influx
