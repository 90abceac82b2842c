// trellis-bench — benchmark programs that print figures as JSON lines.
//   trellis-bench replay [--events N] [--repeat R] [--json]
//   trellis-bench risk [--orders N] [--json]
//   trellis-bench telemetry [--points N] [--influx-points N] [--events N] [--repeat R] [--pairs P] [--json]

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "influx_ratio_bench.hpp"
#include "percentiles.hpp"
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

// A temporary directory for the looped bench data, removed on exit.
struct BenchDir {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / fmt::format("trellis-bench-{}", ::getpid());
    BenchDir() { std::filesystem::create_directories(dir); }
    ~BenchDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

int fail_with(const trellis::host::Error& e) {
    std::cerr << "error: " << e.message << '\n';
    return 1;
}

int run_replay(std::uint64_t events, int repeat, bool json, const std::string& lobster) {
    const BenchDir tmp;
    auto data = trellis::bench::make_bench_data(lobster, events, tmp.dir.string());
    if (!data) return fail_with(data.error());
    using trellis::bench::BenchData;
    using Bench = std::function<trellis::host::Result<trellis::bench::BenchResult>(const BenchData&, int)>;
    const Bench benches[] = {trellis::bench::bench_scan, trellis::bench::bench_noop,
                             [](const BenchData& d, int n) { return trellis::bench::bench_market_maker(d, n); }};
    for (const Bench& bench : benches) {
        auto r = bench(*data, repeat);
        if (!r) return fail_with(r.error());
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

struct TelemetryOptions {
    std::uint64_t points = 5'000'000;       // telemetry.encode
    std::uint64_t influx_points = 500'000;  // telemetry.influx_ratio
    // telemetry.overhead: many short off/on pairs rather than a few long ones. This VM's speed
    // drifts over seconds; measured, 21 pairs of 1 M events gave the same median pair ratio as 5
    // pairs of 5 M events, with a third of the spread between invocations (BENCHMARKS.md).
    std::uint64_t replay_events = 1'000'000;
    int pairs = 21;
    int repeat = 5;  // encode, influx_ratio
    bool json = false;
    bool force_gzip = false;  // telemetry.influx_ratio with compressed POSTs
    std::string only;         // "encode", "influx_ratio" or "overhead": that benchmark alone
    std::string lobster;
};

// Market-maker replay with telemetry off and on, alternated so that both see the same machine. This
// VM's speed drifts by ±10 % over seconds, so besides the ratio of the medians the median of the
// ratios of each adjacent off/on pair is reported: it cancels the drift the pairs share.
int run_overhead(const TelemetryOptions& o) {
    const BenchDir tmp;
    auto data = trellis::bench::make_bench_data(o.lobster, o.replay_events, tmp.dir.string());
    if (!data) return fail_with(data.error());
    trellis::bench::BenchResult off{"replay.market_maker"}, on{"replay.market_maker.telemetry"};
    std::vector<double> pair_ratios, cpu_pair_ratios;
    for (int run = 0; run < o.pairs; ++run) {
        // Which of the two goes first alternates: a run can leave the machine warmer or colder
        // for the next one (caches, page cache, the other vCPU's work), and that must fall on
        // both alike.
        const auto order = run % 2 == 0 ? std::array{&off, &on} : std::array{&on, &off};
        for (auto* result : order) {
            auto r = trellis::bench::bench_market_maker(*data, 1, result == &on);
            if (!r) return fail_with(r.error());
            result->events = r->events;
            result->wall_s.push_back(r->wall_s.at(0));
            result->cpu_s.push_back(r->cpu_s.at(0));
            result->published_points += r->published_points;
            result->dropped_events += r->dropped_events;
        }
        pair_ratios.push_back(off.wall_s.back() / on.wall_s.back());
        cpu_pair_ratios.push_back(off.cpu_s.back() / on.cpu_s.back());
    }
    // Publishing must not be bought with lost events: a run that dropped any does not count.
    if (on.dropped_events > 0)
        return fail_with(trellis::host::Error{"telemetry.overhead: the telemetry queue dropped " +
                                              std::to_string(on.dropped_events) + " events"});
    const double ratio = on.events_per_sec() / off.events_per_sec();
    const double paired = trellis::bench::median(pair_ratios);
    if (o.json) {
        nlohmann::json j;
        j["bench"] = "telemetry.overhead";
        j["events"] = on.events;
        j["off_events_per_sec"] = off.events_per_sec();
        j["on_events_per_sec"] = on.events_per_sec();
        j["ratio"] = ratio;
        j["paired_ratio"] = paired;
        j["pair_ratios"] = pair_ratios;  // the spread behind the median
        // The same pairs timed by the engine thread's CPU time: what the thread itself spent,
        // without the time it was descheduled (other threads, a virtual machine's steal).
        j["cpu_paired_ratio"] = trellis::bench::median(cpu_pair_ratios);
        j["cpu_pair_ratios"] = cpu_pair_ratios;
        j["published_points"] = on.published_points / on.wall_s.size();
        j["dropped_events"] = on.dropped_events;
        j["runs"] = on.wall_s.size();
        std::cout << j.dump() << std::endl;
    } else {
        std::cout << fmt::format(
            "{:<22} {:>12} events  off {:>12.0f} ev/s  on {:>12.0f} ev/s  ratio {:.3f}  paired {:.3f}\n",
            "telemetry.overhead", on.events, off.events_per_sec(), on.events_per_sec(), ratio, paired);
    }
    return 0;
}

int run_influx_ratio(const TelemetryOptions& o) {
    auto r = trellis::bench::bench_influx_ratio(o.influx_points, o.repeat, o.force_gzip);
    if (!r) return fail_with(r.error());
    if (o.json) {
        nlohmann::json j;
        j["bench"] = "telemetry.influx_ratio";
        j["points"] = r->points;
        j["raw_points_per_sec"] = r->raw_points_per_sec();
        j["writer_points_per_sec"] = r->writer_points_per_sec();
        j["ratio"] = r->ratio();
        j["gzip"] = r->gzip;
        j["runs"] = r->writer_s.size();
        std::cout << j.dump() << std::endl;
    } else {
        std::cout << fmt::format("{:<22} {:>12} points  raw {:>10.0f} pt/s  writer {:>10.0f} pt/s  ratio {:.3f}\n",
                                 "telemetry.influx_ratio", r->points, r->raw_points_per_sec(),
                                 r->writer_points_per_sec(), r->ratio());
    }
    return 0;
}

int run_encode(const TelemetryOptions& o) {
    auto encode = trellis::bench::bench_encode(o.points, o.repeat);
    if (!encode) return fail_with(encode.error());
    print(*encode, o.json);
    return 0;
}

int run_telemetry(const TelemetryOptions& o) {
    if (o.only == "encode") return run_encode(o);
    if (o.only == "influx_ratio") return run_influx_ratio(o);
    if (o.only == "overhead") return run_overhead(o);
    if (const int rc = run_encode(o); rc != 0) return rc;
    if (const int rc = run_influx_ratio(o); rc != 0) return rc;
    return run_overhead(o);
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

    TelemetryOptions telemetry_options;
    telemetry_options.lobster = lobster;
    CLI::App* telemetry = app.add_subcommand("telemetry", "Line-protocol encoding, InfluxDB writer ratio, overhead");
    telemetry->add_option("--points", telemetry_options.points, "Points encoded per run")->capture_default_str();
    telemetry->add_option("--influx-points", telemetry_options.influx_points, "Points written to influxd per run")
        ->capture_default_str();
    telemetry->add_option("--events", telemetry_options.replay_events, "Minimum replay events per run")
        ->capture_default_str();
    telemetry
        ->add_option("--repeat", telemetry_options.repeat,
                     "encode, influx_ratio: runs per benchmark; the median is reported")
        ->capture_default_str();
    telemetry
        ->add_option("--pairs", telemetry_options.pairs,
                     "overhead: off/on replay pairs; the median pair ratio is reported")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    telemetry->add_option("--lobster", telemetry_options.lobster, "LOBSTER message file to loop");
    telemetry->add_flag("--json", telemetry_options.json, "Print JSON lines");
    telemetry->add_flag("--gzip", telemetry_options.force_gzip,
                        "influx_ratio: trellis-influx compresses although influxd is local (default: gzip = \"auto\")");
    telemetry->add_option("--only", telemetry_options.only, "Run one benchmark alone")
        ->check(CLI::IsMember({"encode", "influx_ratio", "overhead"}));
    telemetry->callback([&] { rc = run_telemetry(telemetry_options); });

    CLI11_PARSE(app, argc, argv);
    return rc;
}
