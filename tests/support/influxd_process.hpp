#pragma once
// A real InfluxDB 1.x server for integration tests: starts /usr/bin/influxd on
// free loopback ports with a generated config in a fresh temporary directory
// (meta, data and wal inside it; reporting, monitor store and every listener
// except HTTP and the RPC bind address disabled), waits until GET /ping
// answers 204, and on destruction stops it (SIGTERM, SIGKILL after a timeout)
// and removes the directory. Test-only code: failures throw std::runtime_error
// carrying the tail of influxd's log.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace trellis::test {

struct HttpReply {
    long status = 0;   // HTTP status code, e.g. 204 for an accepted write
    std::string body;  // response body (InfluxDB's JSON error text on 4xx)
};

// Settings of the generated influxd.conf that a test may change.
struct InfluxdOptions {
    std::size_t max_body_size = 0;  // [http] max-body-size in bytes (413 above it); 0: influxd's default, 25 MB
};

class InfluxdProcess {
public:
    static constexpr const char* kDefaultBinary = "/usr/bin/influxd";

    explicit InfluxdProcess(std::filesystem::path binary = kDefaultBinary);
    explicit InfluxdProcess(InfluxdOptions options, std::filesystem::path binary = kDefaultBinary);
    ~InfluxdProcess();
    InfluxdProcess(const InfluxdProcess&) = delete;
    InfluxdProcess& operator=(const InfluxdProcess&) = delete;

    // POST /write?db=<db>&precision=ns with `lines` as body.
    HttpReply write(std::string_view db, std::string_view lines) const;
    // GET /query?epoch=ns&db=<db>&q=<influxql> (times come back as integer ns); returns the JSON text,
    // throws unless HTTP 200.
    std::string query(std::string_view db, std::string_view influxql) const;
    // CREATE DATABASE through POST /query; throws unless HTTP 200 without an error in the JSON.
    void create_database(std::string_view db) const;

    // For fault tests: SIGKILL without a clean shutdown (data dir kept).
    void kill_hard();
    // Stops the server if running (SIGTERM) and starts it again on the same ports and directories.
    void restart();

    bool running() const { return pid_ > 0; }
    std::string base_url() const;  // http://127.0.0.1:<port>
    unsigned short http_port() const { return http_port_; }
    const std::filesystem::path& directory() const { return dir_; }
    std::string log_tail() const;  // last lines of influxd's stdout/stderr, for failure messages

private:
    void start();  // spawns influxd and waits for /ping; throws on failure
    void stop(std::chrono::milliseconds grace);
    void write_config() const;
    HttpReply request(const std::string& url, const std::string* post_body) const;

    InfluxdOptions options_;
    std::filesystem::path binary_;
    std::filesystem::path dir_;
    unsigned short http_port_ = 0;
    unsigned short rpc_port_ = 0;
    pid_t pid_ = -1;
};

// An InfluxQL double-quoted identifier: `"` and `\` escaped with a backslash.
std::string quote_identifier(std::string_view name);

// A port the kernel considers free on 127.0.0.1 right now (bind to :0, read it back, close).
unsigned short free_loopback_port();

}  // namespace trellis::test
