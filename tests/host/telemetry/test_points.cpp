// Points from metric samples and events, timestamp nudging, and batching into wire messages.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "telemetry/event_points.hpp"
#include "telemetry/sample_points.hpp"
#include "telemetry/timestamp_nudger.hpp"
#include "telemetry/wire_batcher.hpp"
#include "trellis/order.hpp"

using namespace trellis;
using namespace trellis::host;
using namespace trellis::host::telemetry;

namespace {

const Field* field(const Point& p, std::string_view key) {
    for (const Field& f : p.fields)
        if (f.key == key) return &f;
    return nullptr;
}
std::int64_t int_field(const Point& p, std::string_view key) {
    const Field* f = field(p, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? std::get<std::int64_t>(f->value.get()) : -1;
}
double float_field(const Point& p, std::string_view key) {
    const Field* f = field(p, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? std::get<double>(f->value.get()) : -1;
}
std::string_view string_field(const Point& p, std::string_view key) {
    const Field* f = field(p, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? std::get<std::string_view>(f->value.get()) : "";
}
std::string_view tag(const Point& p, std::string_view key) {
    for (const Tag& t : p.tags)
        if (t.key == key) return t.value;
    return "<absent>";
}

// An accepted sell order of strategy 0 in AMZN (instrument 0): 40 of 100 filled, at 220.12.
EventRecord amzn_order() {
    EventRecord order;
    order.kind = EventKind::OrderUpdate;
    order.ts = 77;
    order.order_id = 12;
    order.price = 2201200;  // 220.12
    order.qty = 100;
    order.filled = 40;
    order.strategy = 0;
    order.instrument = 0;
    order.side = std::uint8_t(Side::Sell);
    order.code = std::uint8_t(OrderStatus::Accepted);
    return order;
}

// A maker sell fill of strategy 0 in AMZN (instrument 0): 60 at 220.13.
EventRecord amzn_fill() {
    EventRecord fill = amzn_order();  // its order
    fill.kind = EventKind::Fill;
    fill.ts = 78;
    fill.price = 2201300;
    fill.qty = 60;
    fill.fee = -2641560;  // Money at 4+0 decimals: -264.156
    fill.position = -60;
    fill.realized_pnl = 15000;
    fill.cash = 1000000000;
    fill.liquidity = std::uint8_t(Liquidity::Maker);
    return fill;
}

InstrumentSpec amzn() {
    InstrumentSpec s;
    s.id = 0;
    std::memcpy(s.symbol.data(), "AMZN", 5);
    s.price_decimals = 4;
    s.qty_decimals = 0;
    return s;
}

}  // namespace

TEST(SamplePoints, CounterRateIsPerSecondSinceThePreviousSample) {
    MetricsRegistry registry;
    Counter& sent = registry.counter("order.sent", {{"strategy", "mm"}}, "orders");
    SamplePointBuilder builder(registry);
    MetricsSample sample;
    sample.reserve(MetricsRegistry::kMaxMetrics);

    sent.add(10);
    registry.capture(1'000'000'000, sample);
    ASSERT_EQ(sample.metric_count, 1u);
    Point p = builder.build(sample, 0);
    EXPECT_EQ(p.measurement, "order.sent");
    EXPECT_EQ(tag(p, "strategy"), "mm");
    EXPECT_EQ(p.timestamp_ns, 1'000'000'000);
    EXPECT_EQ(int_field(p, "count"), 10);
    EXPECT_EQ(float_field(p, "rate"), 0.0);  // first sample

    sent.add(30);
    registry.capture(3'000'000'000, sample);  // 30 more over 2 s
    p = builder.build(sample, 0);
    EXPECT_EQ(int_field(p, "count"), 40);
    EXPECT_DOUBLE_EQ(float_field(p, "rate"), 15.0);

    registry.capture(3'500'000'000, sample);  // nothing new over 0.5 s
    p = builder.build(sample, 0);
    EXPECT_DOUBLE_EQ(float_field(p, "rate"), 0.0);
    sent.add(1);
    registry.capture(3'750'000'000, sample);  // 1 over 0.25 s
    p = builder.build(sample, 0);
    EXPECT_DOUBLE_EQ(float_field(p, "rate"), 4.0);
}

TEST(SamplePoints, GaugeAndHistogramFields) {
    MetricsRegistry registry;
    registry.gauge("md.mid", {{"instrument", "AMZN"}}, "price").set(220.125);
    Histogram& lat = registry.histogram("order.ack_latency", {{"venue", "sim"}}, "ns");
    registry.histogram("order.cancel_latency", {{"venue", "sim"}}, "ns");  // nothing recorded
    for (const std::int64_t v : {100, 200, 300}) lat.record(v);
    SamplePointBuilder builder(registry);
    MetricsSample sample;
    sample.reserve(MetricsRegistry::kMaxMetrics);
    registry.capture(5, sample);
    ASSERT_EQ(sample.metric_count, 3u);

    const Point mid = builder.build(sample, 0);
    EXPECT_EQ(mid.measurement, "md.mid");
    EXPECT_EQ(mid.fields.size(), 1u);
    EXPECT_DOUBLE_EQ(float_field(mid, "value"), 220.125);

    const Point h = builder.build(sample, 1);
    EXPECT_EQ(h.measurement, "order.ack_latency");
    EXPECT_EQ(tag(h, "venue"), "sim");
    EXPECT_EQ(int_field(h, "count"), 3);
    // 200 falls in the bucket [200, 207]; percentiles report a bucket's upper bound.
    EXPECT_EQ(int_field(h, "p50"), 207);
    EXPECT_EQ(int_field(h, "p99"), 300);  // capped at the exact max
    EXPECT_EQ(int_field(h, "p999"), 300);
    EXPECT_EQ(int_field(h, "max"), 300);
    EXPECT_DOUBLE_EQ(float_field(h, "mean"), 200.0);

    const Point empty = builder.build(sample, 2);  // an interval with no values still publishes zeros
    EXPECT_EQ(int_field(empty, "count"), 0);
    EXPECT_EQ(int_field(empty, "max"), 0);
    EXPECT_DOUBLE_EQ(float_field(empty, "mean"), 0.0);
}

TEST(EventPoints, OrderFillRiskAndAlertSchemas) {
    EventPointBuilder builder({amzn()}, {"mm"});

    EventRecord order = amzn_order();
    order.code = std::uint8_t(OrderStatus::Rejected);
    order.reason = std::uint8_t(RejectReason::RiskRule);
    Point p = builder.build(order, "max_qty: 600 > 500", "");
    EXPECT_EQ(p.measurement, "order");
    EXPECT_EQ(p.timestamp_ns, 77);
    EXPECT_EQ(tag(p, "strategy"), "mm");
    EXPECT_EQ(tag(p, "instrument"), "AMZN");
    EXPECT_EQ(tag(p, "side"), "sell");
    EXPECT_EQ(tag(p, "status"), "rejected");
    EXPECT_EQ(int_field(p, "order_id"), 12);
    EXPECT_DOUBLE_EQ(float_field(p, "price"), 220.12);
    EXPECT_DOUBLE_EQ(float_field(p, "qty"), 100.0);
    EXPECT_DOUBLE_EQ(float_field(p, "filled_qty"), 40.0);
    EXPECT_EQ(string_field(p, "reason"), "risk_rule");
    EXPECT_EQ(string_field(p, "text"), "max_qty: 600 > 500");

    order.kind = EventKind::OrderReleased;
    order.reason = 0;
    p = builder.build(order, "", "");
    EXPECT_EQ(tag(p, "status"), "released");
    EXPECT_EQ(field(p, "reason"), nullptr);  // only when there is one
    EXPECT_EQ(field(p, "text"), nullptr);
    order.kind = EventKind::OrderReleased;
    order.strategy = 7;  // unknown index
    p = builder.build(order, "", "");
    EXPECT_EQ(tag(p, "status"), "released");
    EXPECT_EQ(tag(p, "strategy"), "unknown");

    p = builder.build(amzn_fill(), "", "");
    EXPECT_EQ(p.measurement, "fill");
    EXPECT_EQ(tag(p, "liquidity"), "maker");
    EXPECT_DOUBLE_EQ(float_field(p, "price"), 220.13);
    EXPECT_DOUBLE_EQ(float_field(p, "qty"), 60.0);
    EXPECT_DOUBLE_EQ(float_field(p, "fee"), -264.156);
    EXPECT_DOUBLE_EQ(float_field(p, "position"), -60.0);
    EXPECT_DOUBLE_EQ(float_field(p, "realized_pnl"), 1.5);
    EXPECT_DOUBLE_EQ(float_field(p, "cash"), 100000.0);

    EventRecord risk;
    risk.kind = EventKind::Risk;
    risk.ts = 79;
    risk.code = 3;    // StrategyDisabled
    risk.reason = 2;  // High
    risk.strategy = 0;
    p = builder.build(risk, "too many rejects", "cancel_ratio");
    EXPECT_EQ(p.measurement, "risk_event");
    EXPECT_EQ(tag(p, "kind"), "strategy_disabled");
    EXPECT_EQ(tag(p, "level"), "high");
    EXPECT_EQ(tag(p, "source"), "cancel_ratio");
    EXPECT_EQ(string_field(p, "text"), "too many rejects");
    EXPECT_EQ(string_field(p, "strategy"), "mm");
    risk.strategy = kNoStrategy;
    p = builder.build(risk, "", "");
    EXPECT_EQ(tag(p, "source"), "host");  // never an empty tag value
    EXPECT_EQ(field(p, "strategy"), nullptr);

    EventRecord alert;
    alert.kind = EventKind::Alert;
    alert.ts = 80;
    alert.code = 2;  // Critical
    p = builder.build(alert, "kill switch engaged", "kill_switch");
    EXPECT_EQ(p.measurement, "alert");
    EXPECT_EQ(tag(p, "severity"), "critical");
    EXPECT_EQ(tag(p, "source"), "kill_switch");
    EXPECT_EQ(string_field(p, "message"), "kill switch engaged");
}

// A head key must stand for exactly one measurement and tag set: equal inputs share it, any
// change of what goes into the tags changes it, and events with free-text tags have none.
TEST(EventPoints, HeadKeysFollowWhatTheTagsAreMadeOf) {
    EventPointBuilder builder({amzn()}, {"mm", "other"});
    EventRecord order;
    order.kind = EventKind::OrderUpdate;
    order.strategy = 0;
    order.instrument = 0;
    order.side = std::uint8_t(Side::Buy);
    order.code = std::uint8_t(OrderStatus::Accepted);
    const std::uint64_t key = builder.head_key(order);
    EXPECT_NE(key, 0u);
    EventRecord same = order;
    same.order_id = 99;  // fields do not matter
    same.price = 123;
    EXPECT_EQ(builder.head_key(same), key);
    std::vector<std::uint64_t> keys{key};
    auto differs = [&](EventRecord changed) {
        const std::uint64_t k = builder.head_key(changed);
        EXPECT_EQ(std::count(keys.begin(), keys.end(), k), 0) << "key " << k << " already used";
        keys.push_back(k);
    };
    EventRecord r = order;
    r.side = std::uint8_t(Side::Sell);
    differs(r);
    r = order;
    r.code = std::uint8_t(OrderStatus::Cancelled);
    differs(r);
    r = order;
    r.kind = EventKind::OrderReleased;
    differs(r);
    r = order;
    r.strategy = 1;
    differs(r);
    r = order;
    r.instrument = 5;  // unknown instrument: "unknown"
    differs(r);
    r = order;
    r.kind = EventKind::Fill;
    r.liquidity = 1;
    differs(r);
    // Two unknown strategies read the same name, so they may share a key.
    r = order;
    r.strategy = 7;
    EventRecord r2 = order;
    r2.strategy = 8;
    EXPECT_EQ(builder.head_key(r), builder.head_key(r2));
    EventRecord risk;
    risk.kind = EventKind::Risk;
    EXPECT_EQ(builder.head_key(risk), 0u);
    EventRecord alert;
    alert.kind = EventKind::Alert;
    EXPECT_EQ(builder.head_key(alert), 0u);
}

TEST(TimestampNudger, KeepsEachSeriesStrictlyIncreasing) {
    TimestampNudger nudger(2);
    EXPECT_EQ(nudger.next(0, 100), 100);
    EXPECT_EQ(nudger.next(0, 100), 101);
    EXPECT_EQ(nudger.next(0, 100), 102);
    EXPECT_EQ(nudger.next(1, 100), 100);  // another series is independent
    EXPECT_EQ(nudger.next(0, 90), 103);   // older than the last: just after it
    EXPECT_EQ(nudger.next(0, 200), 200);
    EXPECT_EQ(nudger.nudged(), 3u);
}

TEST(WireBatcher, SplitsAtThePointLimitAndNumbersPoints) {
    std::vector<std::string> sent;
    WireBatcher batcher(
        "h1", 42, [&](std::string_view m) { sent.emplace_back(m); }, 3);
    const Field f{"value", FieldValue::floating(1.0)};
    for (int i = 0; i < 7; ++i) ASSERT_TRUE(batcher.add(Point{i < 5 ? "a" : "b", {}, std::span(&f, 1), i}));
    EXPECT_EQ(sent.size(), 2u);  // two full messages of 3
    batcher.flush();
    batcher.flush();  // nothing pending: no empty message
    ASSERT_EQ(sent.size(), 3u);
    std::uint64_t expected_seq = 1;
    const std::uint32_t expected_counts[] = {3, 3, 1};
    for (std::size_t i = 0; i < sent.size(); ++i) {
        auto reader = WireMessageReader::open(sent[i]);
        ASSERT_TRUE(reader) << reader.error().message;
        EXPECT_EQ(reader->header().host, "h1");
        EXPECT_EQ(reader->header().session, 42u);
        EXPECT_EQ(reader->header().seq, expected_seq);
        EXPECT_EQ(reader->header().count, expected_counts[i]);
        expected_seq += reader->header().count;
    }
    EXPECT_EQ(batcher.points(), 7u);
    EXPECT_EQ(batcher.messages(), 3u);
    EXPECT_EQ(batcher.by_measurement().at("a"), 5u);
    EXPECT_EQ(batcher.by_measurement().at("b"), 2u);
}

TEST(WireBatcher, SplitsAtTheByteLimit) {
    std::vector<std::string> sent;
    WireBatcher batcher(
        "h", 1, [&](std::string_view m) { sent.emplace_back(m); }, 1000, 200);
    const std::string text(80, 'x');  // a point is 109 bytes, the header 31
    const Field f{"message", FieldValue::string(text)};
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(batcher.add(Point{"alert", {}, std::span(&f, 1), i}));
    EXPECT_EQ(sent.size(), 1u);  // the second point pushed the message past 200 bytes
    batcher.flush();
    EXPECT_EQ(sent.size(), 2u);
    EXPECT_EQ(batcher.points(), 3u);
}

TEST(WireBatcher, RefusedPointLeavesNothingBehind) {
    std::vector<std::string> sent;
    WireBatcher batcher("h", 1, [&](std::string_view m) { sent.emplace_back(m); });
    const std::string huge(70000, 'x');
    const Field f{"message", FieldValue::string(huge)};
    EXPECT_FALSE(batcher.add(Point{"alert", {}, std::span(&f, 1), 1}));
    batcher.flush();
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(batcher.next_seq(), 1u);
}

namespace {

// The same type and the same value; floats bit for bit (-0.0 is not 0.0, a NaN equals itself).
bool same_value(const FieldValue& a, const FieldValue& b) {
    const FieldValue::Variant &x = a.get(), &y = b.get();
    if (x.index() != y.index()) return false;
    if (const auto* d = std::get_if<double>(&x))
        return std::bit_cast<std::uint64_t>(*d) == std::bit_cast<std::uint64_t>(std::get<double>(y));
    return x == y;
}

}  // namespace

// numbers() is build() without the keys: the same values in the same order for every all-number
// point, and nothing for a point with a string field.
TEST(EventPoints, NumbersAreTheFieldValuesOfAnAllNumberPoint) {
    EventPointBuilder builder({amzn()}, {"mm"});
    EventPointBuilder::Numbers numbers;
    auto expect_numbers_match_build = [&](const EventRecord& e) {
        const std::size_t n = builder.numbers(e, numbers);
        const Point p = builder.build(e, "", "");
        ASSERT_EQ(n, p.fields.size());
        for (std::size_t i = 0; i < n; ++i)
            EXPECT_TRUE(same_value(numbers[i], p.fields[i].value)) << p.measurement << " field " << p.fields[i].key;
    };
    EventRecord order = amzn_order();
    expect_numbers_match_build(order);
    EXPECT_EQ(builder.numbers(order, numbers), 4u);
    EventRecord unknown_instrument = order;
    unknown_instrument.instrument = 9;  // no scale: the order id alone
    expect_numbers_match_build(unknown_instrument);
    EXPECT_EQ(builder.numbers(unknown_instrument, numbers), 1u);
    expect_numbers_match_build(amzn_fill());
    EXPECT_EQ(builder.numbers(amzn_fill(), numbers), 7u);

    EventRecord rejected = order;
    rejected.reason = std::uint8_t(RejectReason::RiskRule);
    EXPECT_EQ(builder.numbers(rejected, numbers), 0u);  // a `reason` string field
    EventRecord with_text = order;
    with_text.text_len = 3;
    EXPECT_EQ(builder.numbers(with_text, numbers), 0u);  // a `text` string field
    EventRecord risk;
    risk.kind = EventKind::Risk;
    EXPECT_EQ(builder.numbers(risk, numbers), 0u);
    EventRecord alert;
    alert.kind = EventKind::Alert;
    EXPECT_EQ(builder.numbers(alert, numbers), 0u);
}

TEST(SamplePoints, NumbersThenPointGiveWhatBuildGives) {
    MetricsRegistry registry;
    Counter& sent = registry.counter("order.sent", {{"strategy", "mm"}}, "orders");
    registry.gauge("md.mid", {{"instrument", "AMZN"}}, "price").set(220.125);
    Histogram& lat = registry.histogram("order.ack_latency", {{"venue", "sim"}}, "ns");
    SamplePointBuilder whole(registry), in_steps(registry);
    MetricsSample sample;
    sample.reserve(MetricsRegistry::kMaxMetrics);
    SamplePointBuilder::Numbers numbers;
    for (int round = 1; round <= 3; ++round) {
        sent.add(10 * round);
        lat.record(100 * round);
        registry.capture(round * 1'000'000'000LL, sample);
        for (std::size_t i = 0; i < sample.metric_count; ++i) {
            const Point expected = whole.build(sample, i);
            const std::size_t n = in_steps.numbers(sample, i, numbers);
            const Point got = in_steps.point(sample, i, std::span(numbers.data(), n));
            EXPECT_EQ(got.measurement, expected.measurement);
            EXPECT_EQ(got.timestamp_ns, expected.timestamp_ns);
            ASSERT_EQ(got.tags.size(), expected.tags.size());
            ASSERT_EQ(got.fields.size(), expected.fields.size());
            for (std::size_t f = 0; f < got.fields.size(); ++f) {
                EXPECT_EQ(got.fields[f].key, expected.fields[f].key);
                EXPECT_TRUE(same_value(got.fields[f].value, expected.fields[f].value))
                    << expected.measurement << " " << expected.fields[f].key << " round " << round;
            }
        }
    }
}

// Points added by key — the first whole, the rest as numbers into the kept shape — make the same
// messages, numbers and counts as the same points added whole.
TEST(WireBatcher, NumbersByKeyMakeTheSameMessagesAsWholePoints) {
    std::vector<std::string> whole_sent, keyed_sent;
    WireBatcher whole(
        "h", 7, [&](std::string_view m) { whole_sent.emplace_back(m); }, 3);
    WireBatcher keyed(
        "h", 7, [&](std::string_view m) { keyed_sent.emplace_back(m); }, 3);
    const Tag buy[] = {{"side", "buy"}};
    const Tag sell[] = {{"side", "sell"}};
    const std::uint64_t buy_key = 1, sell_key = 2, text_key = 3;
    for (int i = 0; i < 8; ++i) {
        const bool is_buy = i % 3 != 0;
        const FieldValue numbers[] = {FieldValue::integer(i), FieldValue::floating(i * 0.5)};
        const Field fields[] = {{"order_id", numbers[0]}, {"price", numbers[1]}};
        const Point p{"order", is_buy ? std::span<const Tag>(buy) : std::span<const Tag>(sell), fields, 100 + i};
        ASSERT_TRUE(whole.add(p));
        const std::uint64_t key = is_buy ? buy_key : sell_key;
        if (!keyed.add_numbers(key, numbers, p.timestamp_ns)) {
            ASSERT_TRUE(keyed.add(p, key));
        }
        // Now and then a point of another measurement with a string field, by key as well.
        if (i % 4 == 1) {
            const Field text[] = {{"message", FieldValue::string("hello " + std::to_string(i))}};
            const Point alert{"alert", {}, text, 200 + i};
            ASSERT_TRUE(whole.add(alert));
            const FieldValue none[] = {FieldValue::string("x")};
            EXPECT_FALSE(keyed.add_numbers(text_key, none, 0));
            ASSERT_TRUE(keyed.add(alert, text_key));
        }
    }
    whole.flush();
    keyed.flush();
    EXPECT_EQ(keyed_sent, whole_sent);
    EXPECT_EQ(keyed.points(), whole.points());
    EXPECT_EQ(keyed.by_measurement(), whole.by_measurement());
    EXPECT_EQ(keyed.by_measurement().at("order"), 8u);
    EXPECT_EQ(keyed.by_measurement().at("alert"), 2u);
}

TEST(WireBatcher, NumbersThatDoNotFitAddNothing) {
    std::vector<std::string> sent;
    WireBatcher batcher("h", 1, [&](std::string_view m) { sent.emplace_back(m); });
    const FieldValue one[] = {FieldValue::integer(1)};
    EXPECT_FALSE(batcher.add_numbers(5, one, 1));  // nothing kept under 5 yet
    const Field f{"count", FieldValue::integer(1)};
    ASSERT_TRUE(batcher.add(Point{"m", {}, std::span(&f, 1), 1}, 5));
    const FieldValue wrong_type[] = {FieldValue::floating(1.0)};
    const FieldValue too_many[] = {FieldValue::integer(1), FieldValue::integer(2)};
    EXPECT_FALSE(batcher.add_numbers(5, wrong_type, 2));
    EXPECT_FALSE(batcher.add_numbers(5, too_many, 2));
    EXPECT_TRUE(batcher.add_numbers(5, one, 2));
    batcher.flush();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(batcher.points(), 2u);
    EXPECT_EQ(batcher.by_measurement().at("m"), 2u);
}
