#pragma once
// Helpers of the telemetry end-to-end tests (test_telemetry_end_to_end.cpp):
// a temporary directory, a `trellis-influx` child process with a generated
// config, points counted per measurement in InfluxDB, and the numbers of the
// writer's shutdown summary. Test-only: failures throw std::runtime_error.

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "child_process.hpp"
#include "eventually.hpp"
#include "influxd_process.hpp"
#include "temp_dir.hpp"

namespace trellis::test::e2e {

// eventually() with a slower default step: the conditions here query InfluxDB.
inline bool wait_for(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                     std::chrono::milliseconds step = std::chrono::milliseconds(200)) {
    return eventually(condition, timeout, step);
}

using namespace std::chrono_literals;

inline constexpr std::string_view kDatabase = "trellis_e2e";

// An InfluxQL single-quoted string literal: InfluxQL unescapes \\ and \' (and rejects a raw newline).
inline std::string string_literal(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "'";
}

// What a test may vary in the writer's configuration.
struct WriterSettings {
    std::string host_endpoint;  // the publisher's tcp://127.0.0.1:<port>
    std::string influx_url;     // InfluxdProcess::base_url()
    int max_points = 5000;
    std::string max_delay = "200ms";
    std::string initial_backoff = "100ms";
    std::string max_backoff = "1s";
    std::string self_metrics_interval = "1s";
};

inline std::string writer_config_text(const WriterSettings& s) {
    std::ostringstream toml;
    toml << "writer_id = \"e2e-writer\"\n"
         << "[[hosts]]\nendpoint = \"" << s.host_endpoint << "\"\n"
         << "[influx]\nurl = \"" << s.influx_url << "\"\ndatabase = \"" << kDatabase << "\"\n"
         << "create_database = true\ntimeout = \"5s\"\n"
         << "[batch]\nmax_points = " << s.max_points << "\nmax_delay = \"" << s.max_delay << "\"\n"
         << "[retry]\ninitial_backoff = \"" << s.initial_backoff << "\"\nmax_backoff = \"" << s.max_backoff << "\"\n"
         << "[spool]\ndir = \"spool\"\n"
         << "[dead_letter]\npath = \"dead_letter.lp\"\n"
         << "[self_metrics]\ninterval = \"" << s.self_metrics_interval << "\"\n"
         << "[shutdown]\ntimeout = \"30s\"\n";
    return toml.str();
}

// `trellis-influx` as a child process. Its config is written to `dir`/writer.toml, so the spool
// (dir/spool) and dead-letter file sit beside it; a second WriterProcess on the same dir and
// settings takes over the first one's spool. The binary is TRELLIS_INFLUX_BIN (a compile definition
// of the test target: the built trellis-influx).
class WriterProcess {
public:
    WriterProcess(const std::filesystem::path& dir, const WriterSettings& settings, const std::string& run_name)
        : dir_(dir) {
        const auto config = dir / "writer.toml";
        std::ofstream(config) << writer_config_text(settings);
        child_ =
            std::make_unique<ChildProcess>(std::vector<std::string>{TRELLIS_INFLUX_BIN, "--config", config.string()},
                                           dir / (run_name + ".out"), dir / (run_name + ".err"));
    }

    std::filesystem::path spool_dir() const { return dir_ / "spool"; }

    // SIGTERM and wait for the exit; the exit code (-1 if it did not stop within `timeout`).
    int terminate(std::chrono::milliseconds timeout = 60s) {
        child_->signal(SIGTERM);
        return child_->wait_exit(timeout);
    }
    // SIGKILL: no flush, no summary — what is not in the spool yet is gone with it.
    int kill_hard() {
        child_->signal(SIGKILL);
        return child_->wait_exit(10s);
    }

    std::string summary() const { return child_->out(); }
    std::string log() const { return child_->err(); }

private:
    std::filesystem::path dir_;
    std::unique_ptr<ChildProcess> child_;
};

// A counter of the writer's shutdown summary ("  <name>   <value>" lines), or nullopt if absent.
inline std::optional<std::uint64_t> summary_value(const std::string& summary, const std::string& name) {
    std::smatch match;
    if (!std::regex_search(summary, match, std::regex("\n  " + name + " +([0-9]+)\n"))) return std::nullopt;
    return std::stoull(match[1].str());
}

// Bytes of every file under `dir` (0 if it does not exist).
inline std::uint64_t directory_bytes(const std::filesystem::path& dir) {
    std::error_code ec;
    std::uint64_t total = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

// The first series of an InfluxQL answer, or null when there is none.
inline nlohmann::json first_series(const InfluxdProcess& server, const std::string& influxql) {
    const nlohmann::json reply = nlohmann::json::parse(server.query(kDatabase, influxql));
    const nlohmann::json& result = reply.at("results").at(0);
    if (result.contains("error")) throw std::runtime_error(influxql + ": " + result.at("error").dump());
    if (!result.contains("series")) return nullptr;
    return result.at("series").at(0);
}

// Points of `measurement` tagged host=`host`: count(*) counts the non-null values of each field,
// so the largest count_<field> is the number of points as long as one field is in every point
// (true of every Trellis measurement: count/value for metrics, order_id for order and fill, text
// for risk_event, message for alert — docs/telemetry.md).
inline std::uint64_t points_in(const InfluxdProcess& server, std::string_view measurement, std::string_view host) {
    const nlohmann::json series = first_series(
        server, "SELECT count(*) FROM " + quote_identifier(measurement) + " WHERE \"host\" = " + string_literal(host));
    if (series.is_null()) return 0;
    std::uint64_t most = 0;
    const nlohmann::json& row = series.at("values").at(0);
    for (std::size_t i = 1; i < row.size(); ++i)  // column 0 is time
        if (row[i].is_number()) most = std::max(most, row[i].get<std::uint64_t>());
    return most;
}

// Points per measurement of every measurement with a point tagged host=`host`.
inline std::map<std::string, std::uint64_t> points_by_measurement(const InfluxdProcess& server, std::string_view host) {
    std::map<std::string, std::uint64_t> counts;
    const nlohmann::json names = first_series(server, "SHOW MEASUREMENTS WHERE \"host\" = " + string_literal(host));
    if (names.is_null()) return counts;
    for (const nlohmann::json& row : names.at("values")) {
        const std::string name = row.at(0).get<std::string>();
        counts[name] = points_in(server, name, host);
    }
    return counts;
}

// Readable "measurement: in InfluxDB vs expected" lines for the measurements that differ.
inline std::string count_differences(const std::map<std::string, std::uint64_t>& in_influx,
                                     const std::map<std::string, std::uint64_t>& expected) {
    std::string out;
    for (const auto& [name, n] : expected) {
        const auto it = in_influx.find(name);
        const std::uint64_t got = it == in_influx.end() ? 0 : it->second;
        if (got != n)
            out += "  " + name + ": InfluxDB has " + std::to_string(got) + ", published " + std::to_string(n) + "\n";
    }
    for (const auto& [name, n] : in_influx)
        if (!expected.contains(name))
            out += "  " + name + ": InfluxDB has " + std::to_string(n) + ", never published\n";
    return out;
}

}  // namespace trellis::test::e2e
