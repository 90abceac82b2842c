// trellis-bench — benchmark programs that print figures as JSON lines.
//   trellis-bench replay [--events N] [--repeat R] [--json]
//   trellis-bench risk [--orders N] [--json]
//   trellis-bench telemetry [--points N] [--repeat R] [--json]

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "replay_bench.hpp"
#include "risk_bench.hpp"
#include "telemetry_bench.hpp"

namespace {

void print(const trellis::bench::BenchResult& r, bool json) {
    if (json) {
        nlohmann::json j;
        j["bench"] = r.name;
        j["events"] = r.events;
        j["events_per_sec"] = r.events_per_sec();
        j["median_wall_s"] = r.median_wall_s();
        j["runs"] = r.wall_s.size();
        if (r.name == "telemetry.encode") {
            j.erase("events");
            j.erase("events_per_sec");
            j["points"] = r.events;
            j["points_per_sec"] = r.events_per_sec();
        }
        if (r.name == "replay.market_maker") {
            j["orders"] = r.orders;
            j["fills"] = r.fills;
        }
        std::cout << j.dump() << std::endl;
    } else {
        std::cout << fmt::format("{:<22} {:>12} events  {:>14.0f} events/s  (median of {} runs, {:.3f} s)\n", r.name,
                                 r.events, r.events_per_sec(), r.wall_s.size(), r.median_wall_s());
    }
}

int run_replay(std::uint64_t events, int repeat, bool json, const std::string& lobster) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / fmt::format("trellis-bench-{}", ::getpid());
    fs::create_directories(dir);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{dir};

    auto data = trellis::bench::make_bench_data(lobster, events, dir.string());
    if (!data) {
        std::cerr << "error: " << data.error().message << '\n';
        return 1;
    }
    for (auto bench : {trellis::bench::bench_scan, trellis::bench::bench_noop, trellis::bench::bench_market_maker}) {
        auto r = bench(*data, repeat);
        if (!r) {
            std::cerr << "error: " << r.error().message << '\n';
            return 1;
        }
        print(*r, json);
    }
    return 0;
}

void print_latency(const trellis::bench::LatencyResult& r, bool json) {
    if (json) {
        nlohmann::json j;
        j["bench"] = r.name;
        j["p50_ns"] = r.latency.p50;
        j["p99_ns"] = r.latency.p99;
        j["p999_ns"] = r.latency.p999;
        j["orders"] = r.latency.count;
        if (r.name.starts_with("risk.")) j["accepted"] = r.accepted;
        std::cout << j.dump() << std::endl;
    } else {
        std::cout << fmt::format("{:<22} p50 {:>7} ns  p99 {:>7} ns  p999 {:>8} ns  ({} orders)\n", r.name,
                                 r.latency.p50, r.latency.p99, r.latency.p999, r.latency.count);
    }
}

int run_risk(std::size_t orders, bool json) {
    const std::string dir = std::string(TRELLIS_SOURCE_DIR) + "/tests/bench/";
    using trellis::bench::bench_risk_chain;
    using trellis::bench::bench_tick_to_order;
    const std::pair<std::string, std::string> chains[] = {{"cpp10", dir + "risk_cpp10.toml"},
                                                          {"lua10", dir + "risk_lua10.toml"}};
    for (const auto& [suffix, config] : chains) {
        auto chain = bench_risk_chain("risk." + suffix, config, orders);
        if (!chain) {
            std::cerr << "error: " << chain.error().message << '\n';
            return 1;
        }
        print_latency(*chain, json);
    }
    for (const auto& [suffix, config] : chains) {
        auto t2o = bench_tick_to_order("tick_to_order." + suffix, config);
        if (!t2o) {
            std::cerr << "error: " << t2o.error().message << '\n';
            return 1;
        }
        print_latency(*t2o, json);
    }
    return 0;
}

int run_telemetry(std::uint64_t points, int repeat, bool json) {
    auto encode = trellis::bench::bench_encode(points, repeat);
    if (!encode) {
        std::cerr << "error: " << encode.error().message << '\n';
        return 1;
    }
    print(*encode, json);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Trellis benchmarks"};
    app.require_subcommand(1);
    int rc = 0;

    std::uint64_t events = 10'000'000;
    int repeat = 5;
    bool json = false;
    std::string lobster =
        std::string(TRELLIS_SOURCE_DIR) + "/data/samples/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv";
    CLI::App* replay = app.add_subcommand("replay", "Replay throughput: scan, noop kernel, market maker");
    replay->add_option("--events", events, "Minimum events (the real day is looped)")->capture_default_str();
    replay->add_option("--repeat", repeat, "Runs per benchmark; the median is reported")->capture_default_str();
    replay->add_option("--lobster", lobster, "LOBSTER message file to loop");
    replay->add_flag("--json", json, "Print JSON lines");
    replay->callback([&] { rc = run_replay(events, repeat, json, lobster); });

    std::size_t risk_orders = 200'000;
    bool risk_json = false;
    CLI::App* risk = app.add_subcommand("risk", "Risk-chain and tick-to-order latency, C++ and Lua rules");
    risk->add_option("--orders", risk_orders, "Intents timed per chain")->capture_default_str();
    risk->add_flag("--json", risk_json, "Print JSON lines");
    risk->callback([&] { rc = run_risk(risk_orders, risk_json); });

    std::uint64_t telemetry_points = 5'000'000;
    int telemetry_repeat = 5;
    bool telemetry_json = false;
    CLI::App* telemetry = app.add_subcommand("telemetry", "Line-protocol encoding, InfluxDB writer ratio, overhead");
    telemetry->add_option("--points", telemetry_points, "Points encoded per run")->capture_default_str();
    telemetry->add_option("--repeat", telemetry_repeat, "Runs per benchmark; the median is reported")
        ->capture_default_str();
    telemetry->add_flag("--json", telemetry_json, "Print JSON lines");
    telemetry->callback([&] { rc = run_telemetry(telemetry_points, telemetry_repeat, telemetry_json); });

    CLI11_PARSE(app, argc, argv);
    return rc;
}
