#include "telemetry_bench.hpp"

#include <array>
#include <chrono>
#include <string>

#include "telemetry/line_point_encoder.hpp"

namespace trellis::bench {
namespace {
using Clock = std::chrono::steady_clock;
namespace tm = host::telemetry;

constexpr std::size_t kBatchPoints = 5000;  // the writer's default batch

// Two shapes alternate: a histogram sample (6 fields, 3 tags) and an order event (strings included).
struct PointShapes {
    std::array<tm::Tag, 3> sample_tags{{{"host", "bench-host"}, {"venue", "sim"}, {"instrument", "AMZN"}}};
    std::array<tm::Tag, 5> order_tags{
        {{"host", "bench-host"}, {"strategy", "mm"}, {"instrument", "AMZN"}, {"side", "buy"}, {"status", "accepted"}}};

    tm::Point sample(std::int64_t i, std::array<tm::Field, 6>& f) const {
        f = {{{"count", tm::FieldValue::integer(i & 1023)},
              {"p50", tm::FieldValue::integer(150'000 + (i & 255))},
              {"p99", tm::FieldValue::integer(210'000 + (i & 511))},
              {"p999", tm::FieldValue::integer(250'000 + (i & 1023))},
              {"max", tm::FieldValue::integer(260'000 + i % 7919)},
              {"mean", tm::FieldValue::floating(151'234.5 + double(i & 63) * 0.25)}}};
        return {"order.ack_latency", sample_tags, f, 1'340'280'000'000'000'000 + i};
    }
    tm::Point order(std::int64_t i, std::array<tm::Field, 6>& f) const {
        f = {{{"id", tm::FieldValue::integer(i)},
              {"price", tm::FieldValue::floating(2231.5 + double(i % 100) * 0.01)},
              {"qty", tm::FieldValue::floating(100)},
              {"filled", tm::FieldValue::floating(0)},
              {"reason", tm::FieldValue::string("none")},
              {"text", tm::FieldValue::string("")}}};
        return {"order", order_tags, f, 1'340'280'000'000'000'000 + i};
    }
};

}  // namespace

host::Result<BenchResult> bench_encode(std::uint64_t points, int repeat) {
    BenchResult r{"telemetry.encode"};
    r.events = points;
    const PointShapes shapes;
    tm::LinePointEncoder encoder;
    std::string batch;
    batch.reserve(kBatchPoints * 256);
    const tm::Field blank{"", tm::FieldValue::integer(0)};
    std::array<tm::Field, 6> fields{blank, blank, blank, blank, blank, blank};
    std::uint64_t bytes = 0;
    for (int run = 0; run < repeat; ++run) {
        const auto t0 = Clock::now();
        for (std::uint64_t i = 0; i < points; ++i) {
            const auto n = static_cast<std::int64_t>(i);
            const tm::Point p = (i & 1) ? shapes.order(n, fields) : shapes.sample(n, fields);
            if (auto ok = encoder.append(batch, p); !ok) return std::unexpected(ok.error());
            if ((i + 1) % kBatchPoints == 0) {  // a sealed batch leaves; the buffer is reused
                bytes += batch.size();
                batch.clear();
            }
        }
        r.wall_s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
        bytes += batch.size();
        batch.clear();
    }
    if (bytes == 0) return host::fail("telemetry.encode: nothing encoded");
    return r;
}

}  // namespace trellis::bench
