#pragma once
// Shared by the trellis-influx tests: a sender double that keeps what it is
// given, and wire messages built with the real WireMessageWriter.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "influx/influx_sender.hpp"
#include "telemetry/wire_format.hpp"

namespace trellis::host::influx_writer::testing {

class RecordingSender : public influx::InfluxSender {
public:
    void start() override {}
    void submit(influx::LineBatch batch) override { batches.push_back(std::move(batch)); }
    bool shutdown(std::chrono::steady_clock::time_point) override { return true; }
    bool idle() const override { return true; }

    // Every line submitted so far, in order.
    std::string all_lines() const {
        std::string out;
        for (const auto& b : batches) out += b.lines;
        return out;
    }

    std::vector<influx::LineBatch> batches;
};

// A point of measurement `measurement` with one integer field v=<value> at time `ts`, plus `tags`.
struct SimplePoint {
    std::string measurement;
    std::int64_t value = 0;
    std::int64_t ts = 0;
    std::vector<telemetry::Tag> tags;
};

// One wire message from `host`/`session` whose first point has sequence number `seq`.
inline std::string wire_message(std::string_view host, std::uint64_t session, std::uint64_t seq,
                                const std::vector<SimplePoint>& points) {
    telemetry::WireMessageWriter writer;
    writer.begin(host, session, seq);
    for (const SimplePoint& p : points) {
        const telemetry::Field fields[] = {{"v", telemetry::FieldValue::integer(p.value)}};
        const auto added = writer.add({p.measurement, p.tags, fields, p.ts});
        EXPECT_TRUE(added.has_value()) << (added ? "" : added.error().message);
    }
    return std::string(writer.bytes());
}

}  // namespace trellis::host::influx_writer::testing
