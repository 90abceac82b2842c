#include "influxd_process.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace trellis::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kStartupTimeout = 20s;
constexpr auto kStopGrace = 10s;
constexpr auto kPollInterval = 20ms;
constexpr long kRequestTimeoutMs = 10'000;
constexpr long kPingTimeoutMs = 500;
constexpr int kPortAttempts = 3;  // retries when another process grabbed a port between probe and bind

// A socket bound to 127.0.0.1:0, kept open while more ports are probed so two probes never return the same port.
struct ProbedPort {
    int fd = -1;
    unsigned short port = 0;
    ProbedPort() {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) throw std::runtime_error(std::string("socket(): ") + std::strerror(errno));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            const std::string error = std::strerror(errno);
            ::close(fd);
            throw std::runtime_error("probing a free loopback port failed: " + error);
        }
        port = ntohs(address.sin_port);
    }
    ~ProbedPort() { ::close(fd); }
    ProbedPort(const ProbedPort&) = delete;
    ProbedPort& operator=(const ProbedPort&) = delete;
};

void ensure_curl_initialised() {
    static const bool initialised = [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
        return true;
    }();
    (void)initialised;
}

std::size_t append_to_string(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

std::string url_escape(CURL* curl, std::string_view text) {
    char* escaped = curl_easy_escape(curl, text.data(), static_cast<int>(text.size()));
    if (escaped == nullptr) throw std::runtime_error("curl_easy_escape failed");
    std::string result(escaped);
    curl_free(escaped);
    return result;
}

std::string escape_query_value(std::string_view text) {
    ensure_curl_initialised();
    CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
    return url_escape(curl.get(), text);
}

// One HTTP exchange; status 0 means a transport failure whose text is in body.
HttpReply perform(const std::string& url, const std::string* post_body, long timeout_ms) {
    ensure_curl_initialised();
    CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return {0, "curl_easy_init failed"};
    HttpReply reply;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");  // an http_proxy in the environment must not see loopback
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &append_to_string);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.body);
    if (post_body != nullptr) {
        curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post_body->data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
    }
    if (const CURLcode code = curl_easy_perform(curl.get()); code != CURLE_OK) {
        return {0, std::string(curl_easy_strerror(code))};
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::filesystem::path make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trellis-influxd-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error(std::string("mkdtemp failed: ") + std::strerror(errno));
    }
    return pattern;
}

// The environment without INFLUXDB_* variables: those override the config file in influxd 1.x.
std::vector<char*> environment_without_influx_overrides() {
    std::vector<char*> result;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, "INFLUXDB_", 9) != 0) result.push_back(*entry);
    }
    result.push_back(nullptr);
    return result;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') quoted.push_back('\\');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

unsigned short free_loopback_port() { return ProbedPort().port; }

InfluxdProcess::InfluxdProcess(std::filesystem::path binary) : InfluxdProcess(InfluxdOptions{}, std::move(binary)) {}

InfluxdProcess::InfluxdProcess(InfluxdOptions options, std::filesystem::path binary)
    : options_(options), binary_(std::move(binary)), dir_(make_temp_dir()) {
    for (int attempt = 1;; ++attempt) {
        {
            const ProbedPort http;
            const ProbedPort rpc;
            http_port_ = http.port;
            rpc_port_ = rpc.port;
        }
        write_config();
        try {
            start();
            return;
        } catch (const std::exception&) {
            const bool port_taken = log_tail().find("address already in use") != std::string::npos;
            if (!port_taken || attempt == kPortAttempts) {
                std::error_code ignored;
                std::filesystem::remove_all(dir_, ignored);
                throw;
            }
        }
    }
}

InfluxdProcess::~InfluxdProcess() {
    stop(kStopGrace);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string InfluxdProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(http_port_); }

void InfluxdProcess::write_config() const {
    std::ofstream config(dir_ / "influxd.conf", std::ios::trunc);
    config << "reporting-disabled = true\n"
           << "bind-address = \"127.0.0.1:" << rpc_port_ << "\"\n"
           << "[meta]\n  dir = \"" << (dir_ / "meta").string() << "\"\n"
           << "[data]\n  dir = \"" << (dir_ / "data").string() << "\"\n"
           << "  wal-dir = \"" << (dir_ / "wal").string() << "\"\n"
           << "  query-log-enabled = false\n"
           << "[monitor]\n  store-enabled = false\n"
           << "[subscriber]\n  enabled = false\n"
           << "[continuous_queries]\n  enabled = false\n"
           << "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" << http_port_ << "\"\n"
           << "  auth-enabled = false\n  log-enabled = false\n  flux-enabled = false\n";
    if (options_.max_body_size > 0) config << "  max-body-size = " << options_.max_body_size << "\n";
    config << "[[graphite]]\n  enabled = false\n"
           << "[[collectd]]\n  enabled = false\n"
           << "[[opentsdb]]\n  enabled = false\n"
           << "[[udp]]\n  enabled = false\n";
    if (!config) throw std::runtime_error("writing " + (dir_ / "influxd.conf").string() + " failed");
}

void InfluxdProcess::start() {
    if (running()) return;
    const std::string log_path = (dir_ / "influxd.log").string();
    const std::string config_path = (dir_ / "influxd.conf").string();
    const std::string binary = binary_.string();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::array<const char*, 5> argv{binary.c_str(), "run", "-config", config_path.c_str(), nullptr};
    auto env = environment_without_influx_overrides();
    pid_t pid = -1;
    const int spawn_error =
        posix_spawn(&pid, binary.c_str(), &actions, nullptr, const_cast<char* const*>(argv.data()), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) {
        throw std::runtime_error("cannot start " + binary + ": " + std::strerror(spawn_error) +
                                 " (is the Debian package influxdb installed?)");
    }
    pid_ = pid;

    const auto deadline = std::chrono::steady_clock::now() + kStartupTimeout;
    const std::string ping_url = base_url() + "/ping";
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("influxd exited during startup (status " + std::to_string(status) + "); log:\n" +
                                     log_tail());
        }
        if (perform(ping_url, nullptr, kPingTimeoutMs).status == 204) return;
        std::this_thread::sleep_for(kPollInterval);
    }
    stop(0ms);
    throw std::runtime_error("influxd did not answer GET /ping with 204 within 20 s; log:\n" + log_tail());
}

void InfluxdProcess::stop(std::chrono::milliseconds grace) {
    if (!running()) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

void InfluxdProcess::kill_hard() {
    if (!running()) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

void InfluxdProcess::restart() {
    stop(kStopGrace);
    start();
}

std::string InfluxdProcess::log_tail() const {
    constexpr std::size_t kLines = 20;
    std::ifstream log(dir_ / "influxd.log");
    std::deque<std::string> lines;
    for (std::string line; std::getline(log, line);) {
        lines.push_back(std::move(line));
        if (lines.size() > kLines) lines.pop_front();
    }
    std::string result;
    for (const auto& line : lines) result += line + '\n';
    return result;
}

HttpReply InfluxdProcess::request(const std::string& url, const std::string* post_body) const {
    HttpReply reply = perform(url, post_body, kRequestTimeoutMs);
    if (reply.status == 0) {
        throw std::runtime_error("HTTP request " + url + " failed: " + reply.body + "; influxd log:\n" + log_tail());
    }
    return reply;
}

HttpReply InfluxdProcess::write(std::string_view db, std::string_view lines) const {
    const std::string body(lines);
    return request(base_url() + "/write?precision=ns&db=" + escape_query_value(db), &body);
}

std::string InfluxdProcess::query(std::string_view db, std::string_view influxql) const {
    const std::string url =
        base_url() + "/query?epoch=ns&db=" + escape_query_value(db) + "&q=" + escape_query_value(influxql);
    HttpReply reply = request(url, nullptr);
    if (reply.status != 200) {
        throw std::runtime_error("query '" + std::string(influxql) + "' got HTTP " + std::to_string(reply.status) +
                                 ": " + reply.body);
    }
    return std::move(reply.body);
}

void InfluxdProcess::create_database(std::string_view db) const {
    // CREATE needs POST; influxd reads q from the URL query string of a POST as well.
    const std::string statement = "CREATE DATABASE " + quote_identifier(db);
    const std::string empty_body;
    const HttpReply reply = request(base_url() + "/query?q=" + escape_query_value(statement), &empty_body);
    if (reply.status != 200 || reply.body.find("\"error\"") != std::string::npos) {
        throw std::runtime_error("CREATE DATABASE " + std::string(db) + " got HTTP " + std::to_string(reply.status) +
                                 ": " + reply.body);
    }
}

}  // namespace trellis::test
