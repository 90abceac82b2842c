// trellis-influx's schema on top of the host's generic TOML readers
// (config/table_reader.hpp, config/value_readers.hpp): one pass, every problem.

#include "influx_writer/writer_config.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "config/config_errors.hpp"
#include "config/config_loader.hpp"
#include "config/schema_context.hpp"
#include "config/table_reader.hpp"
#include "config/value_readers.hpp"
#include "influx_writer/byte_size.hpp"
#include "telemetry/line_point_encoder.hpp"
#include "util/text.hpp"

namespace trellis::host::influx_writer {

namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

// The sender works in whole milliseconds; "250us" must not become 0 (no timeout, no backoff).
milliseconds whole_millis_rounded_up(Duration ns) { return std::chrono::ceil<milliseconds>(nanoseconds(ns)); }

bool is_valid_port(std::string_view text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    return ec == std::errc{} && end == text.data() + text.size() && port >= 1 && port <= 65535;
}

// Empty when `endpoint` is one zmq_connect accepts for our purpose; otherwise what is wrong.
std::string endpoint_problem(std::string_view endpoint) {
    constexpr std::string_view kFix = "write \"tcp://HOST:PORT\" or \"ipc:///path/to/socket\"";
    if (endpoint.starts_with("ipc://")) {
        return endpoint.size() > 6 ? "" : "ipc endpoint without a path (" + std::string(kFix) + ")";
    }
    if (!endpoint.starts_with("tcp://"))
        return host::quoted(endpoint) + " is not a ZeroMQ endpoint this writer can connect to (" + std::string(kFix) +
               ")";
    const std::string_view address = endpoint.substr(6);
    const auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return host::quoted(endpoint) + " has no HOST:PORT (" + std::string(kFix) + ")";
    if (!is_valid_port(address.substr(colon + 1)))
        return host::quoted(endpoint) + " has no valid port 1..65535 (" + std::string(kFix) + ")";
    return "";
}

void read_hosts(TableReader& root, WriterConfig& config) {
    for (TableReader& entry : root.table_array("hosts", Need::Required)) {
        if (auto endpoint = entry.string("endpoint", Need::Required)) {
            if (const std::string problem = endpoint_problem(*endpoint); !problem.empty()) {
                entry.error("endpoint", problem);
            } else if (std::ranges::find(config.host_endpoints, *endpoint) != config.host_endpoints.end()) {
                entry.error("endpoint",
                            host::quoted(*endpoint) + " is listed twice (remove the duplicate [[hosts]] entry)");
            } else {
                config.host_endpoints.push_back(std::move(*endpoint));
            }
        }
        entry.reject_unknown_keys();
    }
}

std::optional<std::string> read_non_empty(TableReader& table, std::string_view key, std::string_view fix) {
    auto value = table.string(key, Need::Optional);
    if (value && value->empty()) {
        table.error(key, "is empty (" + std::string(fix) + ")");
        return std::nullopt;
    }
    return value;
}

std::optional<milliseconds> read_millis(TableReader& table, std::string_view key) {
    const auto ns = read_duration(table, key, DurationFloor::Positive);
    if (!ns) return std::nullopt;
    return whole_millis_rounded_up(*ns);
}

void read_influx(TableReader& root, WriterConfig& config, const WriterEnvironment& environment) {
    influx::SenderConfig& s = config.sender;
    bool gzip_auto = true;  // [influx] gzip = "auto", the default
    if (auto influx = root.table("influx")) {
        if (auto url = read_non_empty(*influx, "url", "give InfluxDB's base URL, e.g. \"http://127.0.0.1:8086\"")) {
            if (!url->starts_with("http://") && !url->starts_with("https://"))
                influx->error("url", host::quoted(*url) +
                                         " is not an http(s) URL (write e.g. \"http://127.0.0.1:8086\", no path)");
            else
                s.url = std::move(*url);
        }
        if (auto db = read_non_empty(*influx, "database", "name the InfluxDB database, e.g. \"trellis\""))
            s.database = std::move(*db);
        if (auto rp = influx->string("retention_policy", Need::Optional)) s.retention_policy = std::move(*rp);
        if (auto user = influx->string("username", Need::Optional)) s.username = std::move(*user);
        if (auto password = influx->string("password", Need::Optional)) s.password = std::move(*password);
        if (auto timeout = read_millis(*influx, "timeout")) s.timeout = *timeout;
        // true, false or "auto" (the default): compress unless InfluxDB is on this machine.
        if (const toml::node* gzip = influx->get("gzip"); gzip && gzip->is_string()) {
            if (gzip->value_or(std::string_view{}) != "auto")
                influx->error("gzip", "is " + host::quoted(gzip->value_or(std::string{})) +
                                          "; write true, false or \"auto\" (compress unless InfluxDB is local)");
        } else if (auto on = influx->boolean("gzip", Need::Optional)) {
            gzip_auto = false;
            s.gzip = *on;
        }
        if (auto level = influx->integer("gzip_level", Need::Optional, 1, 9)) s.gzip_level = int(*level);
        if (auto create = influx->boolean("create_database", Need::Optional)) config.create_database = *create;
        influx->reject_unknown_keys();
    }
    // On loopback, compressing costs this process and influxd CPU on the same machine and saves
    // only bandwidth that costs nothing; across a network it saves far more than it costs.
    if (gzip_auto) s.gzip = gzip_auto_for(s.url);
    // The environment keeps the secret out of a file that may be checked in; a password
    // written in the file wins because it is the more specific statement.
    if (s.password.empty() && environment.password) s.password = *environment.password;
}

void read_batch(TableReader& root, WriterConfig& config) {
    auto batch = root.table("batch");
    if (!batch) return;
    if (auto max_points = batch->integer("max_points", Need::Optional, 1, 1'000'000))
        config.batch.max_points = std::size_t(*max_points);
    if (auto delay = read_duration(*batch, "max_delay", DurationFloor::Positive))
        config.batch.max_delay = nanoseconds(*delay);
    batch->reject_unknown_keys();
}

void read_retry(TableReader& root, WriterConfig& config) {
    auto retry = root.table("retry");
    if (!retry) return;
    const auto initial = read_millis(*retry, "initial_backoff");
    const auto max = read_millis(*retry, "max_backoff");
    if (initial) config.sender.initial_backoff = *initial;
    if (max) config.sender.max_backoff = *max;
    if ((initial || max) && config.sender.max_backoff < config.sender.initial_backoff)
        retry->error(max ? "max_backoff" : "initial_backoff",
                     "max_backoff (" + std::to_string(config.sender.max_backoff.count()) +
                         "ms) is below initial_backoff (" + std::to_string(config.sender.initial_backoff.count()) +
                         "ms) (raise max_backoff or lower initial_backoff)");
    retry->reject_unknown_keys();
}

void read_spool(TableReader& root, WriterConfig& config) {
    auto spool = root.table("spool");
    if (!spool) return;
    if (auto dir = read_path(*spool, "dir", Need::Optional, FileCheck::None)) config.sender.spool_dir = *dir;
    if (const toml::node* node = spool->get("max_bytes")) {
        if (const auto* text = node->as_string()) {
            auto bytes = parse_byte_size(text->get());
            if (!bytes)
                spool->error("max_bytes", host::quoted(text->get()) + " " + bytes.error().message);
            else if (*bytes == 0)
                spool->error("max_bytes", "is 0 (the spool needs room; give e.g. \"1GiB\")");
            else
                config.sender.spool_max_bytes = *bytes;
        } else {
            spool->wrong_type("max_bytes", *node, "a size", "write a string with a unit, e.g. \"1GiB\" or \"512MiB\"");
        }
    }
    spool->reject_unknown_keys();
}

void read_dead_letter(TableReader& root, WriterConfig& config) {
    auto dead_letter = root.table("dead_letter");
    if (!dead_letter) return;
    if (auto path = read_path(*dead_letter, "path", Need::Optional, FileCheck::None))
        config.sender.dead_letter_path = *path;
    dead_letter->reject_unknown_keys();
}

void read_single_duration(TableReader& root, std::string_view section, std::string_view key, DurationFloor floor,
                          nanoseconds& out) {
    auto table = root.table(section);
    if (!table) return;
    if (auto value = read_duration(*table, key, floor)) out = nanoseconds(*value);
    table->reject_unknown_keys();
}

// The id becomes a tag value: the line encoder's own rules decide what it may contain.
void read_writer_id(TableReader& root, WriterConfig& config, const WriterEnvironment& environment) {
    config.writer_id = environment.hostname;
    const bool from_file = root.get("writer_id") != nullptr;
    if (auto id = root.string("writer_id", Need::Optional)) config.writer_id = std::move(*id);
    if (!from_file && config.writer_id.empty()) {
        root.error("writer_id", "is not set and the host name is unknown (set writer_id = \"...\")");
        return;
    }
    const telemetry::Tag tags[] = {{"writer", config.writer_id}};
    const telemetry::Field fields[] = {{"probe", telemetry::FieldValue::integer(0)}};
    std::string line;
    telemetry::LinePointEncoder encoder(1);
    if (auto ok = encoder.append(line, {"trellis_influx", tags, fields, 0}); !ok)
        root.error("writer_id", host::quoted(config.writer_id) + " cannot be a tag value: " + ok.error().message +
                                    " (choose a plain name, e.g. \"influx-writer-1\")");
}

WriterConfig read_schema(const toml::table& document, const std::string& path, const WriterEnvironment& environment,
                         ConfigErrors& errors) {
    const SchemaContext context(path, errors);
    TableReader root(document, "", context);
    WriterConfig config;
    config.file = path;
    config.sender.spool_dir = "/var/lib/trellis-influx/spool";
    config.sender.dead_letter_path = "/var/lib/trellis-influx/dead_letter.lp";
    read_writer_id(root, config, environment);
    read_hosts(root, config);
    read_influx(root, config, environment);
    read_batch(root, config);
    read_retry(root, config);
    read_spool(root, config);
    read_dead_letter(root, config);
    read_single_duration(root, "self_metrics", "interval", DurationFloor::Positive, config.self_metrics_interval);
    read_single_duration(root, "shutdown", "timeout", DurationFloor::Zero, config.shutdown_timeout);
    root.reject_unknown_keys();
    return config;
}

}  // namespace

WriterEnvironment environment_of_this_process() {
    WriterEnvironment environment;
    if (const char* password = std::getenv(kPasswordVariable)) environment.password = password;
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) == 0) environment.hostname = name.data();
    return environment;
}

Result<WriterConfig> parse_writer_config(std::string_view toml_text, const std::string& path,
                                         const WriterEnvironment& environment) {
    toml::table document;
    try {
        document = toml::parse(toml_text, std::string_view(path));
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        return fail(ConfigLocation{path, begin.line, begin.column, ""}.to_string() +
                    ": syntax error: " + std::string(e.description()));
    }
    ConfigErrors errors;
    WriterConfig config = read_schema(document, path, environment, errors);
    if (!errors.empty()) return std::unexpected(errors.to_error());
    return config;
}

Result<WriterConfig> load_writer_config(const std::string& path, const WriterEnvironment& environment) {
    auto text = read_config_file(path);
    if (!text) return std::unexpected(text.error());
    return parse_writer_config(*text, path, environment);
}

// Whether an http(s) URL names this machine: localhost, 127.0.0.0/8 or [::1].
bool is_loopback_url(std::string_view url) {
    const std::size_t scheme = url.find("://");
    std::string_view host = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    host = host.substr(0, host.find('/'));
    if (host.starts_with('[')) return host.substr(0, host.find(']') + 1) == "[::1]";
    host = host.substr(0, host.find(':'));
    return host == "localhost" || host.starts_with("127.");
}

bool gzip_auto_for(std::string_view url) { return !is_loopback_url(url); }

}  // namespace trellis::host::influx_writer
