#pragma once
// Test side of the telemetry socket: a ZeroMQ SUB that receives wire messages
// and decodes them with WireMessageReader into owning copies.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>
#include <zmq.hpp>

#include "telemetry/wire_format.hpp"

namespace trellis::host::testing {

using DecodedValue = std::variant<std::int64_t, double, bool, std::string>;

struct DecodedPoint {
    std::string measurement;
    std::map<std::string, std::string> tags;
    std::map<std::string, DecodedValue> fields;
    std::int64_t ts = 0;
    std::size_t message = 0;  // index of the message it came in

    std::int64_t integer(const std::string& key) const { return std::get<std::int64_t>(fields.at(key)); }
    double floating(const std::string& key) const { return std::get<double>(fields.at(key)); }
    const std::string& string(const std::string& key) const { return std::get<std::string>(fields.at(key)); }
};

struct DecodedHeader {
    std::string host;
    std::uint64_t session = 0;
    std::uint64_t seq = 0;
    std::uint32_t count = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
inline std::string free_tcp_endpoint() {
    zmq::context_t ctx;
    zmq::socket_t probe(ctx, zmq::socket_type::pub);
    probe.set(zmq::sockopt::linger, 0);
    probe.bind("tcp://127.0.0.1:*");
    return probe.get(zmq::sockopt::last_endpoint);
}

class WireSubscriber {
public:
    // Connects (ZeroMQ retries until the publisher binds) and subscribes to everything.
    explicit WireSubscriber(const std::string& endpoint) : socket_(context_, zmq::socket_type::sub) {
        socket_.set(zmq::sockopt::rcvhwm, 0);
        socket_.set(zmq::sockopt::linger, 0);
        socket_.set(zmq::sockopt::reconnect_ivl, 10);
        socket_.connect(endpoint);
        socket_.set(zmq::sockopt::subscribe, "");
    }

    // Receives until `points` points arrived in total or `timeout` passed.
    void receive_until(std::uint64_t points, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (this->points.size() < points && std::chrono::steady_clock::now() < deadline) {
            zmq::message_t message;
            socket_.set(zmq::sockopt::rcvtimeo, 50);
            if (!socket_.recv(message)) continue;
            decode(message.to_string_view());
        }
    }

    std::vector<DecodedHeader> headers;
    std::vector<DecodedPoint> points;

private:
    void decode(std::string_view bytes) {
        auto reader = telemetry::WireMessageReader::open(bytes);
        ASSERT_TRUE(reader) << reader.error().message;
        const auto& h = reader->header();
        headers.push_back({std::string(h.host), h.session, h.seq, h.count});
        telemetry::Point p;
        while (true) {
            auto more = reader->next(p);
            ASSERT_TRUE(more) << more.error().message;
            if (!*more) break;
            DecodedPoint d;
            d.measurement = std::string(p.measurement);
            for (const auto& t : p.tags) d.tags.emplace(std::string(t.key), std::string(t.value));
            for (const auto& f : p.fields) {
                std::visit(
                    [&](const auto& v) {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, std::string_view>)
                            d.fields.emplace(std::string(f.key), std::string(v));
                        else
                            d.fields.emplace(std::string(f.key), v);
                    },
                    f.value.get());
            }
            d.ts = p.timestamp_ns;
            d.message = headers.size() - 1;
            points.push_back(std::move(d));
        }
    }

    zmq::context_t context_;
    zmq::socket_t socket_;
};

// Header sequences must be contiguous from 1: each message starts where the last ended.
inline void expect_contiguous(const std::vector<DecodedHeader>& headers, std::uint64_t session,
                              const std::string& host) {
    std::uint64_t expected = 1;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        EXPECT_EQ(headers[i].seq, expected) << "message " << i;
        EXPECT_EQ(headers[i].session, session) << "message " << i;
        EXPECT_EQ(headers[i].host, host) << "message " << i;
        expected = headers[i].seq + headers[i].count;
    }
}

inline std::map<std::string, std::uint64_t, std::less<>> count_by_measurement(const std::vector<DecodedPoint>& points) {
    std::map<std::string, std::uint64_t, std::less<>> counts;
    for (const auto& p : points) ++counts[p.measurement];
    return counts;
}

}  // namespace trellis::host::testing
